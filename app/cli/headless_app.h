#pragma once

#include <QGuiApplication>

#include <memory>
#include <string>

namespace s2s::cli {

// A QGuiApplication without a display (QT_QPA_PLATFORM defaults to offscreen), for the PDF writers'
// fonts. Qt's own chatter is silenced; critical messages are printed as "sam2sim <command>: ...".
std::unique_ptr<QGuiApplication> makeHeadlessApplication(const std::string &command);

} // namespace s2s::cli
