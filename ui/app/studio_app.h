#pragma once

namespace s2s::ui {

// The studio's entry: application setup, translations, the main window, and the command line
// (`sam2sim-studio [DATASET] [--train] [--screenshots DIR]`).
int runStudio(int argc, char **argv);

} // namespace s2s::ui
