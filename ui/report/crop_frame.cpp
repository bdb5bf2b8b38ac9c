#include "ui/report/crop_frame.h"

#include "engine/core/error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace s2s::ui {

namespace {

// Python 3 round(): halves go to the even neighbour (std::nearbyint in the default rounding mode).
int roundHalfEven(double value)
{
    return static_cast<int>(std::nearbyint(value));
}

} // namespace

QRectF CropFrame::originalRect(int originalWidth, int originalHeight) const
{
    const double sx = static_cast<double>(originalWidth) / resizedWidth;
    const double sy = static_cast<double>(originalHeight) / resizedHeight;
    return {left * sx, top * sy, size * sx, size * sy};
}

CropFrame cropFrame(int width, int height, int resize, int imageSize)
{
    if (width <= 0 || height <= 0 || resize <= 0 || imageSize <= 0)
        throw Error("crop frame: sizes must be positive (image " + std::to_string(width) + "x"
                    + std::to_string(height) + ", resize " + std::to_string(resize) + ", crop "
                    + std::to_string(imageSize) + ")");
    CropFrame f;
    if (width <= height) {
        f.resizedWidth = resize;
        f.resizedHeight = static_cast<int>(static_cast<long long>(resize) * height / width);
    } else {
        f.resizedHeight = resize;
        f.resizedWidth = static_cast<int>(static_cast<long long>(resize) * width / height);
    }
    f.size = std::min({imageSize, f.resizedWidth, f.resizedHeight});
    f.left = roundHalfEven((f.resizedWidth - f.size) / 2.0);
    f.top = roundHalfEven((f.resizedHeight - f.size) / 2.0);
    return f;
}

} // namespace s2s::ui
