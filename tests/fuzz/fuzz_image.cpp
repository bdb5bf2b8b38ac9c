// Fuzz target: image decoding by signature (our PNG/JPEG decoders, OpenCV for BMP/TIFF) as an image and
// as a ground-truth mask; header limits keep any one input small.
#include "tests/fuzz/fuzz_target.h"

#include "engine/io/image_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // The name matters only for TIFF (read under .tif only); alternate so both paths are reached.
    const auto file = fuzz::scratch(size % 2 ? "image.tif" : "image.png");
    s2s::writeFileAtomically(file, fuzz::bytes(data, size));
    fuzz::expectOneLineErrors([&] { (void)s2s::readImageRgb(file); });
    return fuzz::expectOneLineErrors([&] { (void)s2s::checkMask(file); });
}
