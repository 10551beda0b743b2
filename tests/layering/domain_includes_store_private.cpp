// Must NOT compile: a domain-layer source including the store layer's private header.
#include "store_schema.hpp"
int main() { return 0; }
