#pragma once

// qcustomplot.h uses Qt's `signals` and `foreach` keywords, which this project turns off
// (QT_NO_KEYWORDS, because LibTorch uses `slots`). Map them to the macro forms for this header only.
#include <QtGlobal>
#ifndef signals
#define signals Q_SIGNALS
#define SAM2SIM_UNDEF_SIGNALS
#endif
#ifndef foreach
#define foreach Q_FOREACH
#define SAM2SIM_UNDEF_FOREACH
#endif
#include <qcustomplot.h>
#ifdef SAM2SIM_UNDEF_SIGNALS
#undef signals
#undef SAM2SIM_UNDEF_SIGNALS
#endif
#ifdef SAM2SIM_UNDEF_FOREACH
#undef foreach
#undef SAM2SIM_UNDEF_FOREACH
#endif
