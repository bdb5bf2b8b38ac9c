// sam2sim-studio: the workstation GUI entry point; all panels live in ui/.
#include "ui/studio_app.h"

int main(int argc, char **argv)
{
    return s2s::ui::runStudio(argc, argv);
}
