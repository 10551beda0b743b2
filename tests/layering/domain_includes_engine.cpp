// Must NOT compile: a domain-layer source including a public header of the engines layer.
#include "laycoach/booking.hpp"
int main() { return 0; }
