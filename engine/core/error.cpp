#include "engine/core/error.h"

namespace s2s {

Cancelled::Cancelled()
    : Error("cancelled")
{
}

} // namespace s2s
