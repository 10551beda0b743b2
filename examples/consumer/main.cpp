#include <iostream>
#include <laycoach/programme.hpp>
#include <laycoach/version.hpp>

int main() {
  laycoach::Programme p;  // default catalogue
  const auto offers = p.catalogue().offers.size();
  std::cout << "laycoach " << laycoach::version() << ": " << offers << " offers\n";
  return offers > 0 && std::string(laycoach::version()) == laycoach::kVersion ? 0 : 1;
}
