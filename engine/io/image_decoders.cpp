#include "engine/io/image_decoders.h"

#include "engine/core/error.h"

#include <png.h>
// jpeglib.h needs FILE and size_t declared first.
#include <cstddef>
#include <cstdio>
#include <jpeglib.h>

#include <csetjmp>
#include <cstring>
#include <vector>

namespace s2s {

namespace {

// The setjmp/longjmp sections below touch only plain data: no object with a destructor lives between
// a setjmp and the library call that may jump back to it.

struct PngSource
{
    const unsigned char *data;
    std::size_t size;
    std::size_t at;
};

struct PngMessages
{
    char error[200];
    char dataWarning[200]; // a warning about the image data (IDAT): the image is not trustworthy
};

void pngError(png_structp png, png_const_charp message)
{
    auto *m = static_cast<PngMessages *>(png_get_error_ptr(png));
    std::snprintf(m->error, sizeof m->error, "%s", message);
    png_longjmp(png, 1);
}

void pngWarning(png_structp png, png_const_charp message)
{
    auto *m = static_cast<PngMessages *>(png_get_error_ptr(png));
    // Chunk warnings start with the chunk's name ("iCCP: known incorrect sRGB profile"); only those
    // about the image data matter, the others are metadata this program never reads.
    if (m->dataWarning[0] == '\0' && (std::strncmp(message, "IDAT", 4) == 0 || std::strstr(message, "image data")))
        std::snprintf(m->dataWarning, sizeof m->dataWarning, "%s", message);
}

void pngRead(png_structp png, png_bytep out, png_size_t length)
{
    auto *s = static_cast<PngSource *>(png_get_io_ptr(png));
    if (length > s->size - s->at)
        png_error(png, "Read error: the file ends early");
    std::memcpy(out, s->data + s->at, length);
    s->at += length;
}

struct PngShape
{
    png_uint_32 width;
    png_uint_32 height;
    int channels;
    int depth;
    png_size_t rowBytes;
};

// Reads the header and sets the transforms OpenCV applies for IMREAD_UNCHANGED (palette and low bit
// depths expanded, transparency as alpha, BGR order, 16-bit in host order). False after an error.
bool pngHeader(png_structp png, png_infop info, PngShape *shape)
{
    if (setjmp(png_jmpbuf(png)))
        return false;
    png_read_info(png, info);
    const int colour = png_get_color_type(png, info);
    const int depth = png_get_bit_depth(png, info);
    if (colour == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(png);
    if (colour == PNG_COLOR_TYPE_GRAY && depth < 8)
        png_set_expand_gray_1_2_4_to_8(png);
    const bool tRNS = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
    if (tRNS)
        png_set_tRNS_to_alpha(png);
    // Grey with alpha becomes BGRA, as in OpenCV (there is no two-channel result).
    if (colour == PNG_COLOR_TYPE_GRAY_ALPHA || (colour == PNG_COLOR_TYPE_GRAY && tRNS))
        png_set_gray_to_rgb(png);
    if (colour & PNG_COLOR_MASK_COLOR || colour == PNG_COLOR_TYPE_PALETTE)
        png_set_bgr(png);
    if (depth == 16)
        png_set_swap(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    shape->width = png_get_image_width(png, info);
    shape->height = png_get_image_height(png, info);
    shape->channels = png_get_channels(png, info);
    shape->depth = png_get_bit_depth(png, info);
    shape->rowBytes = png_get_rowbytes(png, info);
    return true;
}

bool pngRows(png_structp png, png_infop info, png_bytepp rows)
{
    if (setjmp(png_jmpbuf(png)))
        return false;
    png_read_image(png, rows);
    png_read_end(png, info);
    return true;
}

struct JpegErrors
{
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char error[JMSG_LENGTH_MAX];
    char dataWarning[JMSG_LENGTH_MAX];
};

void jpegError(j_common_ptr cinfo)
{
    auto *e = reinterpret_cast<JpegErrors *>(cinfo->err);
    e->mgr.format_message(cinfo, e->error);
    std::longjmp(e->jump, 1);
}

// Level -1 is a warning about corrupt data (libjpeg then fills the rest with grey); higher levels are
// trace messages. Nothing is printed.
void jpegMessage(j_common_ptr cinfo, int level)
{
    auto *e = reinterpret_cast<JpegErrors *>(cinfo->err);
    if (level < 0 && e->dataWarning[0] == '\0')
        e->mgr.format_message(cinfo, e->dataWarning);
}

void jpegSilent(j_common_ptr) {}

struct JpegShape
{
    JDIMENSION width;
    JDIMENSION height;
    int channels;
    bool cmyk;
};

bool jpegHeader(jpeg_decompress_struct *cinfo, JpegErrors *errors, const unsigned char *data, std::size_t size,
                JpegShape *shape)
{
    if (setjmp(errors->jump))
        return false;
    jpeg_mem_src(cinfo, data, static_cast<unsigned long>(size));
    jpeg_read_header(cinfo, TRUE);
    shape->cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
    if (shape->cmyk)
        cinfo->out_color_space = JCS_CMYK;
    else if (cinfo->num_components == 1)
        cinfo->out_color_space = JCS_GRAYSCALE;
    else
        cinfo->out_color_space = JCS_EXT_BGR;
    jpeg_start_decompress(cinfo);
    shape->width = cinfo->output_width;
    shape->height = cinfo->output_height;
    shape->channels = cinfo->output_components;
    return true;
}

bool jpegRows(jpeg_decompress_struct *cinfo, JpegErrors *errors, unsigned char *out, std::size_t stride)
{
    if (setjmp(errors->jump))
        return false;
    while (cinfo->output_scanline < cinfo->output_height) {
        JSAMPROW row = out + stride * cinfo->output_scanline;
        jpeg_read_scanlines(cinfo, &row, 1);
    }
    jpeg_finish_decompress(cinfo);
    return true;
}

} // namespace

cv::Mat decodePng(std::string_view bytes, const std::string &where)
{
    PngMessages messages{};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &messages, &pngError, &pngWarning);
    if (!png)
        throw Error(where + ": cannot start the PNG decoder");
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, nullptr, nullptr);
        throw Error(where + ": cannot start the PNG decoder");
    }
    // The header was checked (image_io.cpp); these bound what a crafted ancillary chunk can allocate.
    png_set_user_limits(png, 65535, 65535);
    png_set_chunk_malloc_max(png, 64u << 20);
    PngSource source{reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size(), 0};
    png_set_read_fn(png, &source, &pngRead);

    PngShape shape{};
    cv::Mat image;
    std::vector<png_bytep> rows;
    bool ok = pngHeader(png, info, &shape);
    if (ok && (shape.depth != 8 && shape.depth != 16)) {
        std::snprintf(messages.error, sizeof messages.error, "bit depth %d", shape.depth);
        ok = false;
    }
    if (ok) {
        image.create(static_cast<int>(shape.height), static_cast<int>(shape.width),
                     CV_MAKETYPE(shape.depth == 16 ? CV_16U : CV_8U, shape.channels));
        rows.resize(shape.height);
        for (png_uint_32 y = 0; y < shape.height; ++y)
            rows[y] = image.ptr<png_byte>(static_cast<int>(y));
        ok = static_cast<png_size_t>(image.step[0]) >= shape.rowBytes && pngRows(png, info, rows.data());
    }
    png_destroy_read_struct(&png, &info, nullptr);
    if (!ok)
        throw Error(where + ": corrupt PNG (" + (messages.error[0] ? messages.error : "unreadable") + ")");
    if (messages.dataWarning[0])
        throw Error(where + ": corrupt PNG (" + std::string(messages.dataWarning) + ")");
    return image;
}

cv::Mat decodeJpeg(std::string_view bytes, const std::string &where)
{
    jpeg_decompress_struct cinfo{};
    JpegErrors errors{};
    cinfo.err = jpeg_std_error(&errors.mgr);
    errors.mgr.error_exit = &jpegError;
    errors.mgr.emit_message = &jpegMessage;
    errors.mgr.output_message = &jpegSilent;
    jpeg_create_decompress(&cinfo);

    JpegShape shape{};
    cv::Mat image;
    bool ok = jpegHeader(&cinfo, &errors, reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size(), &shape);
    if (ok && shape.channels != 1 && shape.channels != 3 && shape.channels != 4) {
        std::snprintf(errors.error, sizeof errors.error, "%d colour components", shape.channels);
        ok = false;
    }
    if (ok) {
        image.create(static_cast<int>(shape.height), static_cast<int>(shape.width), CV_8UC(shape.channels));
        ok = jpegRows(&cinfo, &errors, image.data, image.step[0]);
    }
    jpeg_destroy_decompress(&cinfo);
    if (!ok)
        throw Error(where + ": corrupt JPEG (" + (errors.error[0] ? errors.error : "unreadable") + ")");
    if (errors.dataWarning[0])
        throw Error(where + ": corrupt JPEG (" + std::string(errors.dataWarning) + ")");
    if (!shape.cmyk)
        return image;
    // CMYK as Adobe writes it (inverted), to BGR the way OpenCV converts it.
    cv::Mat bgr(image.rows, image.cols, CV_8UC3);
    for (int y = 0; y < image.rows; ++y) {
        const unsigned char *in = image.ptr<unsigned char>(y);
        unsigned char *out = bgr.ptr<unsigned char>(y);
        for (int x = 0; x < image.cols; ++x, in += 4, out += 3) {
            const int k = in[3];
            out[2] = static_cast<unsigned char>(k - ((255 - in[0]) * k >> 8));
            out[1] = static_cast<unsigned char>(k - ((255 - in[1]) * k >> 8));
            out[0] = static_cast<unsigned char>(k - ((255 - in[2]) * k >> 8));
        }
    }
    return bgr;
}

} // namespace s2s
