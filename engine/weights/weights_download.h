#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace s2s {

// One HTTP(S) download into a file, as `sam2sim weights fetch` and the studio's Weights dialog do
// it.
struct DownloadRequest {
    std::string url;
    std::filesystem::path target;
    // Called on the complete temporary file before it gets the target's name; throws s2s::Error to
    // refuse it (the temporary file is then deleted).
    std::function<void(const std::filesystem::path &part)> verify;
    // Bytes so far and in total (0 while unknown); returning false cancels (s2s::Cancelled).
    std::function<bool(std::uint64_t done, std::uint64_t total)> progress;
    int attempts = 5; // a dropped connection is resumed from where it stopped (HTTP Range)
    // The whole download, all attempts together: a server that trickles bytes cannot hold it forever.
    std::chrono::seconds deadline{std::chrono::hours(4)};
    int maxRedirects = 10;
};

// Downloads into `target + ".part"`, resuming that file when it exists (and starting it over when the
// server cannot resume), checks it, renames it over the target; HTTP(S) only, also for redirects. An HTTP error (404 ...), a refused file or a cancel leave no file behind; when every
// attempt loses the connection the ".part" file stays so that the next call resumes it, and the
// error says so. Throws s2s::Error with one line naming the URL or the file.
void downloadFile(const DownloadRequest &request);

// The suffix of the temporary file, "<target>.part".
std::filesystem::path partialPath(const std::filesystem::path &target);

} // namespace s2s
