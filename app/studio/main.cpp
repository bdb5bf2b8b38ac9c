// sam2sim-studio: the workstation GUI entry point; all panels live in ui/.
#include "engine/core/threads.h"
#include "ui/app/studio_app.h"

int main(int argc, char **argv)
{
    s2s::preferPassiveOpenMpWait(argv);
    return s2s::ui::runStudio(argc, argv);
}
