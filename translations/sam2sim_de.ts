<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>s2s::ui::Report</name>
    <message>
        <source>Image not found: %1</source>
        <translation>Bild nicht gefunden: %1</translation>
    </message>
    <message>
        <source>False-positive rate</source>
        <translation>Falsch-positiv-Rate</translation>
    </message>
    <message>
        <source>True-positive rate</source>
        <translation>Richtig-positiv-Rate</translation>
    </message>
    <message>
        <source>AUROC %1</source>
        <translation>AUROC %1</translation>
    </message>
    <message>
        <source>threshold (FPR %1, TPR %2)</source>
        <translation>Schwelle (FPR %1, TPR %2)</translation>
    </message>
    <message>
        <source>Image scores: normal vs anomalous</source>
        <translation>Bild-Scores: normal gegenüber anomal</translation>
    </message>
    <message>
        <source>threshold %1</source>
        <translation>Schwelle %1</translation>
    </message>
    <message>
        <source>Image score (higher = more anomalous)</source>
        <translation>Bild-Score (höher = anomaler)</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>normal (%1)</source>
        <translation>normal (%1)</translation>
    </message>
    <message>
        <source>anomalous (%1)</source>
        <translation>anomal (%1)</translation>
    </message>
    <message>
        <source>FALSE POSITIVE</source>
        <translation>FALSCH POSITIV</translation>
    </message>
    <message>
        <source>FALSE NEGATIVE</source>
        <translation>FALSCH NEGATIV</translation>
    </message>
    <message>
        <source>#%1   score %2</source>
        <translation>#%1   Score %2</translation>
    </message>
    <message>
        <source>truth</source>
        <translation>Wahrheit</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <source>anomalous</source>
        <translation>anomal</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>map</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>gezeigt</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>Heatmap</translation>
    </message>
    <message>
        <source>ground truth</source>
        <translation>Ground Truth</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>Galerie</translation>
    </message>
    <message>
        <source>Test images by score, highest first. Left: the original with the model&apos;s crop (dashed). Right: the crop with the anomaly heatmap and the ground-truth outline; heatmaps are shown in the crop frame in which they were computed (shorter side resized to %1 px, centred %2 px square).</source>
        <translation>Testbilder nach Score, höchster zuerst. Links: das Original mit dem Ausschnitt des Modells (gestrichelt). Rechts: der Ausschnitt mit der Anomalie-Heatmap und der Ground-Truth-Kontur; Heatmaps werden in dem Ausschnitt gezeigt, in dem sie berechnet wurden (kürzere Seite auf %1 px skaliert, zentriertes Quadrat von %2 px).</translation>
    </message>
    <message>
        <source>Only the %1 highest of %2 images are shown.</source>
        <translation>Nur die %1 höchsten von %2 Bildern werden gezeigt.</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>not pretrained (random initialisation): scores are not meaningful for production use</source>
        <translation>nicht vortrainiert (zufällige Initialisierung): Scores sind für den Produktionseinsatz nicht aussagekräftig</translation>
    </message>
    <message>
        <source>%1 (file not found, no hash recorded)</source>
        <translation>%1 (Datei nicht gefunden, kein Hash gespeichert)</translation>
    </message>
    <message>
        <source>%1, SHA-256 %2</source>
        <translation>%1, SHA-256 %2</translation>
    </message>
    <message>
        <source>off (images used as they are)</source>
        <translation>aus (Bilder werden unverändert verwendet)</translation>
    </message>
    <message>
        <source>%1, background filled with %2</source>
        <translation>%1, Hintergrund gefüllt mit %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <source>Actual normal</source>
        <translation>Tatsächlich normal</translation>
    </message>
    <message>
        <source>Actual anomalous</source>
        <translation>Tatsächlich anomal</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Recall (TPR)</source>
        <translation>Trefferquote (TPR)</translation>
    </message>
    <message>
        <source>%1 %2 s</source>
        <translation>%1 %2 s</translation>
    </message>
    <message>
        <source>Timings: %1.</source>
        <translation>Laufzeiten: %1.</translation>
    </message>
    <message>
        <source>Inspection report</source>
        <translation>Prüfbericht</translation>
    </message>
    <message>
        <source>Category %1 (%2)</source>
        <translation>Kategorie %1 (%2)</translation>
    </message>
    <message>
        <source>At threshold %1 (rule %2), %3 of %4 test images are classified correctly (false positives: %5, false negatives: %6).</source>
        <translation>Bei Schwelle %1 (Regel %2) werden %3 von %4 Testbildern richtig klassifiziert (falsch positiv: %5, falsch negativ: %6).</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>Lauf-Ordner</translation>
    </message>
    <message>
        <source>Run created</source>
        <translation>Lauf erstellt</translation>
    </message>
    <message>
        <source>%1 (Sam2Sim Studio %2)</source>
        <translation>%1 (Sam2Sim Studio %2)</translation>
    </message>
    <message>
        <source>unknown version</source>
        <translation>unbekannte Version</translation>
    </message>
    <message>
        <source>Report date</source>
        <translation>Berichtsdatum</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>Backbone</translation>
    </message>
    <message>
        <source>Backbone weights</source>
        <translation>Backbone-Gewichte</translation>
    </message>
    <message>
        <source>Foreground segmenter</source>
        <translation>Vordergrund-Segmentierer</translation>
    </message>
    <message>
        <source>Noise sigma</source>
        <translation>Rausch-Sigma</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Voreinstellung</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>%1 (%2 meta-epochs x %3 discriminator epochs)</source>
        <translation>%1 (%2 Meta-Epochen x %3 Diskriminator-Epochen)</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>shorter side resized to %1 px, centre crop %2 x %2 px</source>
        <translation>kürzere Seite auf %1 px skaliert, zentrierter Ausschnitt %2 x %2 px</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Threshold rule</source>
        <translation>Schwellenregel</translation>
    </message>
    <message>
        <source>%1 - %2</source>
        <translation>%1 - %2</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Image AUROC (I-AUROC)</source>
        <translation>Bild-AUROC (I-AUROC)</translation>
    </message>
    <message>
        <source>ranking of anomalous above normal images</source>
        <translation>Rangfolge anomaler vor normalen Bildern</translation>
    </message>
    <message>
        <source>Pixel AUROC (P-AUROC)</source>
        <translation>Pixel-AUROC (P-AUROC)</translation>
    </message>
    <message>
        <source>per-pixel ranking against ground-truth masks</source>
        <translation>Rangfolge je Pixel gegenüber Ground-Truth-Masken</translation>
    </message>
    <message>
        <source>AU-PRO (FPR &lt;= 0.3)</source>
        <translation>AU-PRO (FPR &lt;= 0,3)</translation>
    </message>
    <message>
        <source>per-region overlap, normalised area</source>
        <translation>Überlappung je Region, normierte Fläche</translation>
    </message>
    <message>
        <source>F1-max</source>
        <translation>F1-max</translation>
    </message>
    <message>
        <source>best F1 over thresholds (at %1)</source>
        <translation>bestes F1 über alle Schwellen (bei %1)</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Bedeutung</translation>
    </message>
    <message>
        <source>Confusion matrix at the threshold</source>
        <translation>Konfusionsmatrix bei der Schwelle</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>Image-level ROC</source>
        <translation>ROC auf Bildebene</translation>
    </message>
    <message>
        <source>Needs normal and anomalous test images.</source>
        <translation>Benötigt normale und anomale Testbilder.</translation>
    </message>
    <message>
        <source>Pixel-level ROC</source>
        <translation>ROC auf Pixelebene</translation>
    </message>
    <message>
        <source>This run has no pixel ROC (no anomaly maps or no ground-truth masks).</source>
        <translation>Dieser Lauf hat keine Pixel-ROC (keine Anomaliekarten oder keine Ground-Truth-Masken).</translation>
    </message>
    <message>
        <source>Pseudo-background robustness</source>
        <translation>Robustheit gegenüber Pseudo-Hintergründen</translation>
    </message>
    <message>
        <source>This run holds no pseudo-background evaluation. Run &apos;sam2sim eval --run RUN --background pseudo&apos; to test how the model reacts to new backgrounds.</source>
        <translation>Dieser Lauf enthält keine Auswertung mit Pseudo-Hintergründen. Mit &apos;sam2sim eval --run RUN --background pseudo&apos; lässt sich prüfen, wie das Modell auf neue Hintergründe reagiert.</translation>
    </message>
    <message>
        <source>The foreground of each test image is composited onto backgrounds the model never saw and the test set is scored again. &quot;static&quot; is the original test set; a drop in AUROC means the model reacts to the background, not to the object.</source>
        <translation>Der Vordergrund jedes Testbilds wird auf Hintergründe montiert, die das Modell nie gesehen hat, und der Testdatensatz wird erneut bewertet. „static“ ist der ursprüngliche Testdatensatz; sinkt die AUROC, reagiert das Modell auf den Hintergrund statt auf das Objekt.</translation>
    </message>
    <message>
        <source>static (original backgrounds)</source>
        <translation>static (ursprüngliche Hintergründe)</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>Hintergrund</translation>
    </message>
    <message>
        <source>I-AUROC</source>
        <translation>I-AUROC</translation>
    </message>
    <message>
        <source>vs static</source>
        <translation>ggü. static</translation>
    </message>
    <message>
        <source>P-AUROC</source>
        <translation>P-AUROC</translation>
    </message>
    <message>
        <source>AU-PRO</source>
        <translation>AU-PRO</translation>
    </message>
    <message>
        <source>FPR at thr.</source>
        <translation>FPR bei Schw.</translation>
    </message>
    <message>
        <source>Image AUROC per background</source>
        <translation>Bild-AUROC je Hintergrund</translation>
    </message>
    <message>
        <source>static %1</source>
        <translation>static %1</translation>
    </message>
    <message>
        <source>Sam2Sim Studio inspection report - %1</source>
        <translation>Sam2Sim Studio Prüfbericht - %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>Inspection report: %1</source>
        <translation>Prüfbericht: %1</translation>
    </message>
    <message>
        <source>maximises F1 over the test images (F1 = %1, precision %2, recall %3).</source>
        <translation>maximiert F1 über die Testbilder (F1 = %1, Präzision %2, Trefferquote %3).</translation>
    </message>
    <message>
        <source>lowest threshold whose false-positive rate on the %1 normal test images is at most %2 %.</source>
        <translation>niedrigste Schwelle, deren Falsch-positiv-Rate auf den %1 normalen Testbildern höchstens %2 % beträgt.</translation>
    </message>
    <message>
        <source>fixed by the user.</source>
        <translation>vom Benutzer festgelegt.</translation>
    </message>
    <message>
        <source>the threshold that maximises F1 over the test images.</source>
        <translation>die Schwelle, die F1 über die Testbilder maximiert.</translation>
    </message>
    <message>
        <source>the lowest threshold with a false-positive rate of at most %1 % on the normal test images.</source>
        <translation>die niedrigste Schwelle mit einer Falsch-positiv-Rate von höchstens %1 % auf den normalen Testbildern.</translation>
    </message>
    <message>
        <source>a fixed value.</source>
        <translation>ein fester Wert.</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;.</source>
        <translation>Regel &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>stored with the run: %1</source>
        <translation>mit dem Lauf gespeichert: %1</translation>
    </message>
</context>
</TS>
