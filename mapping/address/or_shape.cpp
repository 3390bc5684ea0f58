#include "mapping/address/or_shape.hpp"

namespace mixer::mapping::address {

bool has_only_hierarchy_and_pn(const x400::ORAddress& a) {
  // Every member of x400::ORAddress except country_name,
  // administration_domain_name, private_domain_name, organization_name,
  // organizational_unit_names and personal_name, in declaration order.
  return !a.network_address && !a.terminal_identifier && !a.numeric_user_identifier &&
         a.domain_defined_attributes.empty() && !a.common_name && !a.teletex_common_name &&
         !a.teletex_organization_name && !a.teletex_personal_name && a.teletex_organizational_unit_names.empty() &&
         a.teletex_domain_defined_attributes.empty() && !a.pds_name && !a.physical_delivery_country_name &&
         !a.postal_code && !a.physical_delivery_office_name && !a.physical_delivery_office_number &&
         !a.extension_or_address_components && !a.physical_delivery_personal_name &&
         !a.physical_delivery_organization_name && !a.extension_physical_delivery_address_components &&
         !a.unformatted_postal_address && !a.street_address && !a.post_office_box_address &&
         !a.poste_restante_address && !a.unique_postal_name && !a.local_postal_attributes &&
         !a.extended_network_address && !a.terminal_type && !a.universal_common_name &&
         !a.universal_organization_name && !a.universal_personal_name &&
         a.universal_organizational_unit_names.empty() && a.universal_domain_defined_attributes.empty() &&
         !a.universal_physical_delivery_office_name && !a.universal_physical_delivery_office_number &&
         !a.universal_extension_or_address_components && !a.universal_physical_delivery_personal_name &&
         !a.universal_physical_delivery_organization_name &&
         !a.universal_extension_physical_delivery_address_components && !a.universal_unformatted_postal_address &&
         !a.universal_street_address && !a.universal_post_office_box_address &&
         !a.universal_poste_restante_address && !a.universal_unique_postal_name &&
         !a.universal_local_postal_attributes && a.other_extensions.empty();
}

}  // namespace mixer::mapping::address
