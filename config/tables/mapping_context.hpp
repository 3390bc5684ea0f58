// Builds the address-mapping context (mapping/address/context.hpp) from the
// configuration: the gateway's own domain and O/R address ([gateway] domain,
// or_address) and the three table files of [tables] (domain_to_or = RFC 2156
// table 1, or_to_domain = table 2, gateways = gate1 + gate2). Built once at
// start-up; the mapping functions take it by const reference.
#pragma once

#include "common/result.hpp"
#include "config/config.hpp"
#include "config/tables/table_file.hpp"
#include "mapping/address/context.hpp"

namespace mixer::config::tables {

// Sets the gateway identity of `ctx`: the domain (lower-cased, A-labels) and
// the O/R address (std-or). Errors name the setting.
Result<Ok, TableErrors> set_gateway_identity(mapping::address::MappingContext& ctx, std::string_view domain,
                                             std::string_view or_address, std::string_view origin);

// Everything from a loaded Config; table files that are not set stay empty.
Result<mapping::address::MappingContext, TableErrors> build_mapping_context(const Config& config,
                                                                            const TableLimits& limits = {});

}  // namespace mixer::config::tables
