// Must compile: an engine source may include the domain's public and private headers.
#include "laycoach/programme.hpp"
#include "programme_impl.hpp"
int main() { return 0; }
