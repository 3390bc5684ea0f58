// Shape tests on an O/R address that the mapping's fast paths use instead of
// copying the whole x400::ORAddress (X.411 12.5: about 60 attributes) and
// comparing the copy with an empty address.
//
// Contract: has_only_hierarchy_and_pn(a) is true exactly when every attribute
// of `a` other than the RFC 2156 4.3.1 mapping hierarchy (C, ADMD, PRMD, O,
// OUs) and the built-in personal-name is absent (optional empty, vector
// empty). It must name every member of x400::ORAddress: the test
// tests/mapping/address/or_shape_test.cpp sets each attribute in turn and
// fails (with a size sentinel) when the structure grows.
#pragma once

#include "x400/asn/or_address.hpp"

namespace mixer::mapping::address {

bool has_only_hierarchy_and_pn(const x400::ORAddress& a);

}  // namespace mixer::mapping::address
