// What the user sees of the weights: Settings > Weights... lists every known file with its status
// (bundled / found at PATH / missing) and size, and the training panel offers the backbones whose
// weights are present, shows no "not pretrained" banner when the bundled backbone is there, and turns
// SAM 2 background removal on when a SAM 2 checkpoint is present. HOME is an empty temporary folder.
#include "ui/panels/training_panel.h"
#include "ui/dialogs/weights_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString cell(QTableWidget *t, const QString &name, int column)
{
    for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, 0)->text() == name)
            return t->item(r, column)->text();
    return QStringLiteral("<no row %1>").arg(name);
}

QPushButton *button(QWidget *w, const QString &text)
{
    for (auto *b : w->findChildren<QPushButton *>())
        if (b->text() == text)
            return b;
    return nullptr;
}

QString banner(QWidget *panel)
{
    for (auto *l : panel->findChildren<QLabel *>())
        if (l->text().startsWith(QStringLiteral("Backbone")))
            return l->text();
    return {};
}

} // namespace

class TestWeightsDialog final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("HOME", m_home.path().toUtf8());
        for (const char *v : {"XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "TORCH_HOME", "SAM2SIM_WEIGHTS_DIR"})
            qunsetenv(v);
    }

    void freshMachine()
    {
        s2s::ui::WeightsDialog dialog;
        dialog.show();
        QTableWidget *t = dialog.table();
        QCOMPARE(t->rowCount(), 6);
        QCOMPARE(t->horizontalHeaderItem(2)->text(), QStringLiteral("Status"));
        QVERIFY2(cell(t, QStringLiteral("mobilenet_v2"), 2).startsWith(QStringLiteral("bundled: ")),
                 qPrintable(cell(t, QStringLiteral("mobilenet_v2"), 2)));
        QVERIFY(cell(t, QStringLiteral("mobilenet_v2"), 2).endsWith(QStringLiteral("mobilenet_v2_imagenet_bnfolded.pth")));
        QCOMPARE(cell(t, QStringLiteral("mobilenet_v2"), 3), QStringLiteral("14.3 MB"));
        for (const char *name : {"wide_resnet50_2", "sam2.1_hiera_tiny", "sam2.1_hiera_large"}) {
            QCOMPARE(cell(t, QString::fromLatin1(name), 2), QStringLiteral("missing"));
            QCOMPARE(cell(t, QString::fromLatin1(name), 3), QStringLiteral("-"));
        }
        // Download is offered for a selected missing file; nothing is selected at first.
        QPushButton *download = button(&dialog, QStringLiteral("Download"));
        QVERIFY(download && !download->isEnabled());
        t->selectRow(0);
        QVERIFY(download->isEnabled());
        QVERIFY(!button(&dialog, QStringLiteral("Cancel download"))->isEnabled());

        s2s::ui::TrainingPanel panel;
        auto *backbones = panel.findChild<QComboBox *>();
        QVERIFY(backbones);
        QCOMPARE(backbones->count(), 2); // the bundled MobileNetV2, and random weights when asked for
        QCOMPARE(backbones->currentData().toString(), QStringLiteral("mobilenet_v2"));
        QVERIFY2(banner(&panel).startsWith(QStringLiteral("Backbone weights: ")) && banner(&panel).contains(QStringLiteral("bundled")),
                 qPrintable(banner(&panel)));
        QCOMPARE(QString::fromStdString(panel.applyTo({}).backbone), QStringLiteral("mobilenet_v2"));
        QVERIFY(QString::fromStdString(panel.applyTo({}).backboneWeights.string()).endsWith(QStringLiteral("bnfolded.pth")));
        backbones->setCurrentIndex(1);
        QVERIFY2(banner(&panel).contains(QStringLiteral("NOT PRETRAINED")), qPrintable(banner(&panel)));
        QVERIFY(panel.applyTo({}).backboneWeights.empty());
        backbones->setCurrentIndex(0);
        QCheckBox *foreground = nullptr;
        for (auto *c : panel.findChildren<QCheckBox *>())
            if (c->text().contains(QStringLiteral("Remove the background")))
                foreground = c;
        QVERIFY(foreground && foreground->isChecked()); // Sam2Sim by default (the classical extractor here)
    }

    void filesInTheTorchHubCache()
    {
        const QString hub = m_home.filePath(QStringLiteral(".cache/torch/hub/checkpoints"));
        QVERIFY(QDir().mkpath(hub));
        QFile wrn(hub + QStringLiteral("/wide_resnet50_2-95faca4d.pth"));
        QVERIFY(wrn.open(QIODevice::WriteOnly) && wrn.write(QByteArray(2'500'000, 'x')) == 2'500'000);
        wrn.close();
        QFile sam2(hub + QStringLiteral("/sam2.1_hiera_tiny.pt"));
        QVERIFY(sam2.open(QIODevice::WriteOnly) && sam2.write(QByteArray(1000, 'y')) == 1000);
        sam2.close();

        s2s::ui::WeightsDialog dialog;
        QTableWidget *t = dialog.table();
        QCOMPARE(cell(t, QStringLiteral("wide_resnet50_2"), 2), QStringLiteral("found at ") + wrn.fileName());
        QCOMPARE(cell(t, QStringLiteral("wide_resnet50_2"), 3), QStringLiteral("2.5 MB"));
        QCOMPARE(cell(t, QStringLiteral("sam2.1_hiera_tiny"), 2), QStringLiteral("found at ") + sam2.fileName());

        // The panel offers both backbones, the best first, and turns SAM 2 background removal on.
        s2s::ui::TrainingPanel panel;
        auto *backbones = panel.findChild<QComboBox *>();
        QCOMPARE(backbones->count(), 3);
        QCOMPARE(backbones->itemData(0).toString(), QStringLiteral("wide_resnet50_2"));
        QCOMPARE(backbones->itemData(1).toString(), QStringLiteral("mobilenet_v2"));
        const s2s::RunConfig c = panel.applyTo({});
        QVERIFY(c.foreground);
        QCOMPARE(QString::fromStdString(c.segmenter), QStringLiteral("sam2"));
        QCOMPARE(QString::fromStdString(c.sam2Weights.string()), sam2.fileName());
    }
};

QTEST_MAIN(TestWeightsDialog)
#include "tst_weights_dialog.moc"
