#include "engine/inspect/lot_inputs.h"

#include "engine/inspect/folder_watch.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <set>
#include <system_error>

namespace s2s {

namespace fs = std::filesystem;

bool isLotImageName(const fs::path &path)
{
    std::string ext = path.extension().string();
    for (char &c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".tif" || ext == ".tiff";
}

std::vector<fs::path> collectLotImages(const std::vector<std::string> &items, std::vector<LotSkip> &skipped)
{
    std::vector<fs::path> images;
    std::set<fs::path> seen;
    const auto addImage = [&](const fs::path &p) {
        if (seen.insert(p.lexically_normal()).second)
            images.push_back(p);
    };
    for (const std::string &item : items) {
        const fs::path path(item);
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            // The folder and its subfolders (a lot is often filed by line, shift or class), in path
            // order; hidden subfolders and temporary names are left alone, linked folders not followed.
            std::vector<fs::path> files;
            fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
            for (; !ec && it != end; it.increment(ec)) {
                const std::string name = it->path().filename().string();
                std::error_code typeEc;
                if (it->is_directory(typeEc)) {
                    if (FolderWatch::ignoredName(name))
                        it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file(typeEc))
                    files.push_back(it->path());
            }
            if (ec)
                skipped.push_back({item, item + ": cannot list the folder (" + ec.message() + ")"});
            std::sort(files.begin(), files.end());
            for (const fs::path &f : files) {
                if (FolderWatch::ignoredName(f.filename().string()))
                    continue;
                if (isLotImageName(f))
                    addImage(f);
                else
                    skipped.push_back({f.string(), f.string() + ": not an image file name (PNG, JPEG, BMP and TIFF names are inspected)"});
            }
        } else if (fs::exists(path, ec)) {
            addImage(path);
        } else {
            skipped.push_back({item, item + ": no such file or folder"});
        }
    }
    return images;
}

std::string lotTimeNow()
{
    const std::time_t t = std::time(nullptr);
    char text[32];
    std::tm utc{};
    gmtime_r(&t, &utc);
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace s2s
