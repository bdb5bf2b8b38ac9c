#pragma once

#include <QRectF>

namespace s2s::ui {

// Where the backbone's input crop lies on an original image: the shorter side resized to `resize`
// (torchvision Resize(int), the longer side truncated), then a centred imageSize square
// (CenterCrop, offsets rounded half to even as Python's round()). Anomaly maps live in this crop.
struct CropFrame
{
    int resizedWidth = 0;
    int resizedHeight = 0;
    int left = 0; // crop offset in the resized image
    int top = 0;
    int size = 0; // crop side in the resized image

    // The crop square in original-image pixel coordinates.
    QRectF originalRect(int originalWidth, int originalHeight) const;
};

// Throws s2s::Error for non-positive sizes.
CropFrame cropFrame(int width, int height, int resize, int imageSize);

} // namespace s2s::ui
