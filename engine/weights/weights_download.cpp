#include "engine/weights/weights_download.h"

#include "engine/core/error.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <curl/curl.h>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

namespace fs = std::filesystem;

namespace s2s {
namespace {

struct Transfer {
    CURL *curl = nullptr;
    std::FILE *file = nullptr;
    fs::path part;
    std::uint64_t offset = 0; // bytes already in the file when this attempt started
    std::uint64_t received = 0; // bytes written by this attempt
    bool started = false;
    bool writeFailed = false;
    const DownloadRequest *request = nullptr;
    bool cancelled = false;
};

std::size_t writeBody(char *data, std::size_t size, std::size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    if (!t->started) {
        t->started = true;
        long status = 0;
        curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
        // A server that ignores the Range header sends the whole file again: start over.
        if (t->offset > 0 && status == 200) {
            t->file = std::freopen(t->part.c_str(), "wb", t->file);
            t->offset = 0;
        }
    }
    const std::size_t bytes = size * count;
    if (!t->file || std::fwrite(data, 1, bytes, t->file) != bytes) {
        t->writeFailed = true;
        return 0;
    }
    t->received += bytes;
    return bytes;
}

int onProgress(void *user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t)
{
    auto *t = static_cast<Transfer *>(user);
    if (!t->request->progress)
        return 0;
    const std::uint64_t all = total > 0 ? t->offset + static_cast<std::uint64_t>(total) : 0;
    if (!t->request->progress(t->offset + static_cast<std::uint64_t>(now), all)) {
        t->cancelled = true;
        return 1;
    }
    return 0;
}

void removeQuietly(const fs::path &p)
{
    std::error_code ec;
    fs::remove(p, ec);
}

enum class Outcome { Done, Retry, Failed };

} // namespace

fs::path partialPath(const fs::path &target)
{
    return fs::path(target.string() + ".part");
}

void downloadFile(const DownloadRequest &request)
{
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

    const fs::path part = partialPath(request.target);
    std::error_code ec;
    fs::create_directories(request.target.parent_path(), ec);
    if (ec)
        throw Error(request.target.parent_path().string() + ": cannot create the folder ("
            + ec.message() + ")");

    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = Clock::now() + request.deadline;
    const std::string deadlineText = "no complete download within " + std::to_string(request.deadline.count()) + " s";
    std::string lastError;
    for (int attempt = 1; attempt <= std::max(1, request.attempts); ++attempt) {
        if (attempt > 1)
            std::this_thread::sleep_for(std::chrono::milliseconds(300 * attempt));
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            lastError = deadlineText;
            break;
        }
        const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(
            curl_easy_init(), &curl_easy_cleanup);
        if (!curl)
            throw Error(request.url + ": cannot start an HTTP session");
        Transfer t;
        t.curl = curl.get();
        t.part = part;
        t.request = &request;
        t.offset = fs::exists(part, ec) ? fs::file_size(part, ec) : 0;
        t.file = std::fopen(part.c_str(), t.offset > 0 ? "ab" : "wb");
        if (!t.file)
            throw Error(part.string() + ": cannot open for writing");
        char errorText[CURL_ERROR_SIZE] = {};
        curl_easy_setopt(t.curl, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(t.curl, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(t.curl, CURLOPT_MAXREDIRS, static_cast<long>(request.maxRedirects));
        curl_easy_setopt(t.curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(t.curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(t.curl, CURLOPT_TIMEOUT_MS, static_cast<long>(left.count()));
        curl_easy_setopt(t.curl, CURLOPT_FAILONERROR, 1L);
        curl_easy_setopt(t.curl, CURLOPT_ERRORBUFFER, errorText);
        curl_easy_setopt(t.curl, CURLOPT_CONNECTTIMEOUT, 30L);
        // Under 1 KB/s for 60 s: treat as dropped (a server sending 2 bytes/s is not a download).
        curl_easy_setopt(t.curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
        curl_easy_setopt(t.curl, CURLOPT_LOW_SPEED_TIME, 60L);
        curl_easy_setopt(t.curl, CURLOPT_USERAGENT, "sam2sim/" SAM2SIM_VERSION);
        curl_easy_setopt(t.curl, CURLOPT_WRITEFUNCTION, &writeBody);
        curl_easy_setopt(t.curl, CURLOPT_WRITEDATA, &t);
        curl_easy_setopt(t.curl, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(t.curl, CURLOPT_XFERINFOFUNCTION, &onProgress);
        curl_easy_setopt(t.curl, CURLOPT_XFERINFODATA, &t);
        if (t.offset > 0)
            curl_easy_setopt(t.curl, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(t.offset));
        const CURLcode rc = curl_easy_perform(t.curl);
        const bool closed = t.file && std::fclose(t.file) == 0;
        long status = 0;
        curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &status);

        Outcome outcome = Outcome::Failed;
        if (t.cancelled) {
            removeQuietly(part);
            throw Cancelled();
        }
        if (rc == CURLE_OK && closed) {
            outcome = Outcome::Done;
        } else if (t.writeFailed || (rc == CURLE_OK && !closed)) {
            removeQuietly(part);
            throw Error(part.string() + ": cannot write the download (disk full?)");
        } else if (rc == CURLE_OPERATION_TIMEDOUT && Clock::now() >= deadline) {
            lastError = deadlineText;
            break;
        } else if (rc == CURLE_TOO_MANY_REDIRECTS) {
            removeQuietly(part);
            throw Error(request.url + ": more than " + std::to_string(request.maxRedirects)
                + " redirects (a redirect loop?); nothing was downloaded");
        } else if (rc == CURLE_RANGE_ERROR) {
            removeQuietly(part); // the server cannot resume: start the file over
            lastError = "the server cannot resume a partial download";
            outcome = Outcome::Retry;
        } else if (rc == CURLE_HTTP_RETURNED_ERROR && status == 416) {
            removeQuietly(part); // the partial file does not fit the server's: start again
            lastError = "HTTP 416";
            outcome = Outcome::Retry;
        } else if (rc == CURLE_HTTP_RETURNED_ERROR && status >= 400 && status < 500 && status != 408
            && status != 429) {
            removeQuietly(part);
            throw Error(
                request.url + ": HTTP " + std::to_string(status) + " (nothing was downloaded)");
        } else if (rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT) {
            removeQuietly(part);
            throw Error(request.url + ": "
                + (errorText[0] ? std::string(errorText) : curl_easy_strerror(rc)));
        } else {
            lastError = errorText[0] ? std::string(errorText) : std::string(curl_easy_strerror(rc));
            outcome = Outcome::Retry;
        }
        if (outcome == Outcome::Retry)
            continue;

        try {
            if (request.verify)
                request.verify(part);
        } catch (...) {
            removeQuietly(part);
            throw;
        }
        fs::rename(part, request.target, ec);
        if (ec) {
            removeQuietly(part);
            throw Error(request.target.string() + ": cannot rename the download into place ("
                + ec.message() + ")");
        }
        return;
    }
    if (fs::exists(part, ec) && fs::file_size(part, ec) > 0)
        throw Error(request.url + ": " + lastError + "; the partial download is kept in "
            + part.string() + ", run the same command again to resume it");
    removeQuietly(part);
    throw Error(request.url + ": " + lastError);
}

} // namespace s2s
