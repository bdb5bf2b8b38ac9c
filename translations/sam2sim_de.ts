<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ConfigDifference</name>
    <message>
        <source>none (random weights)</source>
        <translation>keine (Zufallsgewichte)</translation>
    </message>
    <message>
        <source>%1 (SHA-256 %2...)</source>
        <translation>%1 (SHA-256 %2...)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>1 epoch</source>
        <translation>1 Epoche</translation>
    </message>
    <message>
        <source>%1 epochs</source>
        <translation>%1 Epochen</translation>
    </message>
    <message>
        <source>%1, at least %2 steps</source>
        <translation>%1, mindestens %2 Schritte</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>as scanned</source>
        <translation>wie eingelesen</translation>
    </message>
    <message>
        <source>backbone %1</source>
        <translation>Backbone %1</translation>
    </message>
    <message>
        <source>backbone weights %1</source>
        <translation>Backbone-Gewichte %1</translation>
    </message>
    <message>
        <source>sigma %1</source>
        <translation>Sigma %1</translation>
    </message>
    <message>
        <source>batch size %1</source>
        <translation>Batch-Größe %1</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <source>patch fraction %1</source>
        <translation>Patch-Anteil %1</translation>
    </message>
    <message>
        <source>category kind %1</source>
        <translation>Kategorieart %1</translation>
    </message>
    <message>
        <source>foreground extraction %1</source>
        <translation>Vordergrundextraktion %1</translation>
    </message>
    <message>
        <source>segmenter %1</source>
        <translation>Segmentierer %1</translation>
    </message>
    <message>
        <source>background fill %1</source>
        <translation>Hintergrundfüllung %1</translation>
    </message>
    <message>
        <source>scorer %1</source>
        <translation>Bewerter %1</translation>
    </message>
    <message>
        <source>alignment %1</source>
        <translation>Ausrichtung %1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>classical (fallback: %1)</source>
        <translation>klassisch (Ersatz: %1)</translation>
    </message>
    <message>
        <source> - implausible mask (%1): the whole frame is kept</source>
        <translation> - unplausible Maske (%1): das ganze Bild bleibt erhalten</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Choose a weights file</source>
        <translation>Gewichtsdatei wählen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Sam2Sim Studio: unsupervised visual inspection</source>
        <translation>Sam2Sim Studio: unüberwachte visuelle Inspektion</translation>
    </message>
    <message>
        <source>Dataset or category folder to open.</source>
        <translation>Zu öffnender Datensatz- oder Kategorieordner.</translation>
    </message>
    <message>
        <source>Train the first category once the dataset is open.</source>
        <translation>Die erste Kategorie trainieren, sobald der Datensatz geöffnet ist.</translation>
    </message>
    <message>
        <source>After training, save a PNG of every panel to &lt;dir&gt; and quit.</source>
        <translation>Nach dem Training von jedem Bereich ein PNG in &lt;dir&gt; speichern und beenden.</translation>
    </message>
    <message>
        <source>Backbone name.</source>
        <translation>Name des Backbones.</translation>
    </message>
    <message>
        <source>Backbone weights file.</source>
        <translation>Gewichtsdatei des Backbones.</translation>
    </message>
    <message>
        <source>Training epochs.</source>
        <translation>Trainingsepochen.</translation>
    </message>
    <message>
        <source>Open a saved run folder (written by the studio or `sam2sim train`).</source>
        <translation>Einen gespeicherten Lauf-Ordner öffnen (vom Studio oder von `sam2sim train` geschrieben).</translation>
    </message>
</context>
<context>
    <name>s2s::ui::ColorBar</name>
    <message>
        <source>score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Heatmap colour scale: smoothed patch anomaly scores. The black mark is the threshold, the white triangle the image&apos;s score (the highest unsmoothed patch score; written at the top when above the scale)</source>
        <translation>Farbskala der Heatmap: geglättete Patch-Anomaliewerte. Die schwarze Marke ist die Schwelle, das weiße Dreieck der Wert des Bildes (der höchste ungeglättete Patch-Wert; oben angeschrieben, wenn er über der Skala liegt)</translation>
    </message>
</context>
<context>
    <name>s2s::ui::CompositingPanel</name>
    <message>
        <source>all families (cycled by seed)</source>
        <translation>alle Familien (je nach Seed reihum)</translation>
    </message>
    <message>
        <source>folder of images...</source>
        <translation>Ordner mit Bildern...</translation>
    </message>
    <message>
        <source>Background:</source>
        <translation>Hintergrund:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Feathering:</source>
        <translation>Weiche Kante:</translation>
    </message>
    <message>
        <source>Evaluate with pseudo-backgrounds</source>
        <translation>Mit Pseudo-Hintergründen auswerten</translation>
    </message>
    <message>
        <source>The object keeps its place, so ground-truth masks stay valid. Textures are not composited.</source>
        <translation>Das Objekt behält seine Position, daher bleiben die Ground-Truth-Masken gültig. Texturen werden nicht montiert.</translation>
    </message>
    <message>
        <source>Select an image to preview its composite.</source>
        <translation>Ein Bild wählen, um seine Montage in der Vorschau zu sehen.</translation>
    </message>
    <message>
        <source>Folder of background images</source>
        <translation>Ordner mit Hintergrundbildern</translation>
    </message>
    <message>
        <source>a folder of background images</source>
        <translation>ein Ordner mit Hintergrundbildern</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Choose a folder of background images (Browse...).</source>
        <translation>Einen Ordner mit Hintergrundbildern wählen (Durchsuchen...).</translation>
    </message>
</context>
<context>
    <name>s2s::ui::DatasetBrowser</name>
    <message>
        <source>No dataset open. Use File &gt; Open dataset, drop a folder here, or generate the demo dataset.</source>
        <translation>Kein Datensatz geöffnet. Datei &gt; Datensatz öffnen wählen, einen Ordner hierher ziehen oder den Demo-Datensatz erzeugen.</translation>
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
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>Aufteilung:</translation>
    </message>
    <message>
        <source>Defect:</source>
        <translation>Defekt:</translation>
    </message>
    <message>
        <source>Scan problems (skipped files):</source>
        <translation>Probleme beim Einlesen (übersprungene Dateien):</translation>
    </message>
    <message>
        <source>object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>texture</source>
        <translation>Textur</translation>
    </message>
    <message>
        <source>Double-click to switch object/texture</source>
        <translation>Doppelklick wechselt zwischen Objekt und Textur</translation>
    </message>
    <message>
        <source>Kind not known from the name (default); double-click to switch</source>
        <translation>Art aus dem Namen nicht bekannt (Vorgabe); Doppelklick zum Wechseln</translation>
    </message>
    <message>
        <source>None: every file was usable.</source>
        <translation>Keine: jede Datei war verwendbar.</translation>
    </message>
    <message>
        <source>%1 - %2 categories</source>
        <translation>%1 - %2 Kategorien</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>%1 defect images without a mask (image-level labels)</source>
        <translation>%1 Defektbilder ohne Maske (Labels auf Bildebene)</translation>
    </message>
    <message>
        <source>no mask</source>
        <translation>keine Maske</translation>
    </message>
    <message>
        <source>Image-level label only: counted in the image metrics, not in the pixel metrics</source>
        <translation>Nur Label auf Bildebene: zählt in den Bildmetriken, nicht in den Pixelmetriken</translation>
    </message>
</context>
<context>
    <name>s2s::ui::EvaluationPanel</name>
    <message>
        <source>false-positive rate</source>
        <translation>Falsch-positiv-Rate</translation>
    </message>
    <message>
        <source>true-positive rate</source>
        <translation>Richtig-positiv-Rate</translation>
    </message>
    <message>
        <source>F1-max</source>
        <translation>F1-max</translation>
    </message>
    <message>
        <source>Target FPR on good images</source>
        <translation>Ziel-FPR auf guten Bildern</translation>
    </message>
    <message>
        <source>Manual (slider)</source>
        <translation>Manuell (Schieberegler)</translation>
    </message>
    <message>
        <source>Threshold rule:</source>
        <translation>Schwellenregel:</translation>
    </message>
    <message>
        <source>predicted normal</source>
        <translation>vorhergesagt normal</translation>
    </message>
    <message>
        <source>predicted anomalous</source>
        <translation>vorhergesagt anomal</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>anomalous</source>
        <translation>anomal</translation>
    </message>
    <message>
        <source>noise sigma</source>
        <translation>Rausch-Sigma</translation>
    </message>
    <message>
        <source>AUROC</source>
        <translation>AUROC</translation>
    </message>
    <message>
        <source>image AUROC</source>
        <translation>Bild-AUROC</translation>
    </message>
    <message>
        <source>pixel AUROC</source>
        <translation>Pixel-AUROC</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <source>FPR &lt;= %1 on good images</source>
        <translation>FPR &lt;= %1 auf guten Bildern</translation>
    </message>
    <message>
        <source>Cannot apply the rule: %1</source>
        <translation>Die Regel lässt sich nicht anwenden: %1</translation>
    </message>
    <message>
        <source>No results yet: train a model.</source>
        <translation>Noch keine Ergebnisse: ein Modell trainieren.</translation>
    </message>
    <message>
        <source>image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>pixel</source>
        <translation>Pixel</translation>
    </message>
    <message>
        <source>image score</source>
        <translation>Bild-Score</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>&lt;b&gt;Image AUROC&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Pixel AUROC&lt;/b&gt; %2 &amp;nbsp; &lt;b&gt;AU-PRO&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;F1-max&lt;/b&gt; %4</source>
        <translation>&lt;b&gt;Bild-AUROC&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Pixel-AUROC&lt;/b&gt; %2 &amp;nbsp; &lt;b&gt;AU-PRO&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;F1-max&lt;/b&gt; %4</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Pseudo-backgrounds&lt;/b&gt; (%1, seed %2): image AUROC %3, pixel AUROC %4</source>
        <translation>&lt;br&gt;&lt;b&gt;Pseudo-Hintergründe&lt;/b&gt; (%1, Seed %2): Bild-AUROC %3, Pixel-AUROC %4</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#a04000&apos;&gt;Backbone not pretrained (random weights).&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#a04000&apos;&gt;Backbone nicht vortrainiert (Zufallsgewichte).&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Active rule: %1, threshold %2</source>
        <translation>Aktive Regel: %1, Schwelle %2</translation>
    </message>
    <message>
        <source>Noise sigma:</source>
        <translation>Rausch-Sigma:</translation>
    </message>
    <message>
        <source>Sweep sigma</source>
        <translation>Sigma durchlaufen</translation>
    </message>
    <message>
        <source>Refit the heads for 0.1x .. 2x the feature scale and plot the AUROCs</source>
        <translation>Köpfe für das 0,1- bis 2-Fache der Merkmalsskala nachtrainieren und die AUROCs zeichnen</translation>
    </message>
    <message>
        <source>Analysis on the labelled test set, not model selection</source>
        <translation>Analyse auf dem annotierten Testsatz, keine Modellauswahl</translation>
    </message>
    <message>
        <source>Sweep done. Analysis on the labelled test set, not model selection</source>
        <translation>Durchlauf fertig. Analyse auf dem annotierten Testsatz, keine Modellauswahl</translation>
    </message>
    <message>
        <source>Sweep stopped. Analysis on the labelled test set, not model selection</source>
        <translation>Durchlauf abgebrochen. Analyse auf dem annotierten Testsatz, keine Modellauswahl</translation>
    </message>
    <message>
        <source>Train a model first: the sweep refits its heads.</source>
        <translation>Zuerst ein Modell trainieren: der Durchlauf trainiert dessen Köpfe nach.</translation>
    </message>
    <message>
        <source>Stop sweep</source>
        <translation>Durchlauf stoppen</translation>
    </message>
    <message>
        <source>Sweeping (points appear as they finish). Analysis on the labelled test set, not model selection</source>
        <translation>Durchlauf läuft (Punkte erscheinen, sobald sie fertig sind). Analyse auf dem annotierten Testsatz, keine Modellauswahl</translation>
    </message>
    <message>
        <source>Curves on screen: sigma %1 = %2x the feature scale (%3)</source>
        <translation>Angezeigte Kurven: Sigma %1 = %2x die Merkmalsskala (%3)</translation>
    </message>
    <message>
        <source>No curves yet</source>
        <translation>Noch keine Kurven</translation>
    </message>
    <message>
        <source>auto (%1)</source>
        <translation>auto (%1)</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>Updating to sigma %1...</source>
        <translation>Aktualisiere auf Sigma %1...</translation>
    </message>
    <message>
        <source>A retrain for other settings is running.</source>
        <translation>Ein Nachtraining für andere Einstellungen läuft.</translation>
    </message>
    <message>
        <source>Train (or turn on retraining on sigma change) to update.</source>
        <translation>Trainieren (oder Nachtraining bei Sigma-Änderung einschalten), um zu aktualisieren.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#a00000&apos;&gt;&lt;b&gt;The discriminator did not learn&lt;/b&gt; at this sigma: the maps are noise.&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#a00000&apos;&gt;&lt;b&gt;Der Diskriminator hat nicht gelernt&lt;/b&gt; bei diesem Sigma: die Karten sind Rauschen.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Drag to move the threshold (the rule becomes manual)</source>
        <translation>Ziehen verschiebt die Schwelle (die Regel wird manuell)</translation>
    </message>
    <message>
        <source>Threshold:</source>
        <translation>Schwelle:</translation>
    </message>
    <message>
        <source>target FPR:</source>
        <translation>Ziel-FPR:</translation>
    </message>
    <message>
        <source>%1 AUROC %2</source>
        <translation>%1 AUROC %2</translation>
    </message>
    <message>
        <source>image, pseudo</source>
        <translation>Bild, Pseudo</translation>
    </message>
    <message>
        <source>pixel, pseudo</source>
        <translation>Pixel, Pseudo</translation>
    </message>
    <message>
        <source>Active rule: none (no results)</source>
        <translation>Aktive Regel: keine (keine Ergebnisse)</translation>
    </message>
    <message>
        <source>Refining sigma %1: these are the first curves, the final ones follow...</source>
        <translation>Sigma %1 wird verfeinert: dies sind die ersten Kurven, die endgültigen folgen...</translation>
    </message>
    <message>
        <source>Results are stale: the curves were computed with %1; the settings now say %2. %3</source>
        <translation>Ergebnisse veraltet: die Kurven wurden mit %1 berechnet; die Einstellungen lauten jetzt %2. %3</translation>
    </message>
    <message>
        <source>n/a (no masks)</source>
        <translation>k. A. (keine Masken)</translation>
    </message>
    <message>
        <source>%1 (%2 of %3 images)</source>
        <translation>%1 (%2 von %3 Bildern)</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;br&gt;%n defect image(s) without a mask: counted in the image metrics, not in the pixel metrics.</source>
        <translation>
            <numerusform>&lt;br&gt;%n Defektbild ohne Maske: zählt in den Bildmetriken, nicht in den Pixelmetriken.</numerusform>
            <numerusform>&lt;br&gt;%n Defektbilder ohne Maske: zählen in den Bildmetriken, nicht in den Pixelmetriken.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;br&gt;Final epoch, no test-set model selection; sigma %1: %2.</source>
        <translation>&lt;br&gt;Letzte Epoche, keine Modellauswahl auf dem Testsatz; Sigma %1: %2.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;First curves&lt;/b&gt; after the short refit; &lt;b&gt;refining...&lt;/b&gt; the final curves follow.</source>
        <translation>&lt;br&gt;&lt;b&gt;Erste Kurven&lt;/b&gt; nach dem kurzen Nachtraining; &lt;b&gt;Verfeinerung läuft...&lt;/b&gt; die endgültigen Kurven folgen.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Final&lt;/b&gt; curves of this sigma.</source>
        <translation>&lt;br&gt;&lt;b&gt;Endgültige&lt;/b&gt; Kurven dieses Sigmas.</translation>
    </message>
    <message>
        <source>Score histogram (images per bin)</source>
        <translation>Score-Histogramm (Bilder je Intervall)</translation>
    </message>
    <message>
        <source>The kNN scorer has no noise sigma</source>
        <translation>Der kNN-Bewerter hat kein Rausch-Sigma</translation>
    </message>
    <message>
        <source>Curves on screen: %1 (no noise sigma)</source>
        <translation>Kurven auf dem Bildschirm: %1 (kein Rausch-Sigma)</translation>
    </message>
    <message>
        <source>&lt;br&gt;Scorer: %1; nothing trained, no test-set model selection.</source>
        <translation>&lt;br&gt;Bewerter: %1; nichts trainiert, keine Modellauswahl anhand der Testmenge.</translation>
    </message>
</context>
<context>
    <name>s2s::ui::ExportModelDialog</name>
    <message>
        <source>Export model</source>
        <translation>Modell exportieren</translation>
    </message>
    <message>
        <source>TorchScript (model.pt for LibTorch / torch.jit.load)</source>
        <translation>TorchScript (model.pt für LibTorch / torch.jit.load)</translation>
    </message>
    <message>
        <source>Triton model repository (pytorch_libtorch)</source>
        <translation>Triton-Modell-Repository (pytorch_libtorch)</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Maximum batch size (Triton):</source>
        <translation>Maximale Batch-Größe (Triton):</translation>
    </message>
    <message>
        <source>The model scores resized, cropped, normalised images (see preprocess.json). Foreground removal is not part of it.</source>
        <translation>Das Modell bewertet skalierte, zugeschnittene, normalisierte Bilder (siehe preprocess.json). Die Hintergrundentfernung ist nicht enthalten.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Folder for the exported model</source>
        <translation>Ordner für das exportierte Modell</translation>
    </message>
</context>
<context>
    <name>s2s::ui::FamilyRobustnessView</name>
    <message>
        <source>Compare per background family</source>
        <translation>Je Hintergrundfamilie vergleichen</translation>
    </message>
    <message>
        <source>Trains SimpleNet on the original images and Sam2Sim on background-removed images with the current settings, then tests both on each pseudo-background family.</source>
        <translation>Trainiert SimpleNet auf den Originalbildern und Sam2Sim auf freigestellten Bildern mit den aktuellen Einstellungen und testet beide auf jeder Pseudo-Hintergrundfamilie.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Which environments break the model? Compare SimpleNet and Sam2Sim on each family.</source>
        <translation>Welche Umgebungen bringen das Modell zu Fall? SimpleNet und Sam2Sim auf jeder Familie vergleichen.</translation>
    </message>
    <message>
        <source>Comparing per family: %1</source>
        <translation>Vergleich je Familie: %1</translation>
    </message>
    <message>
        <source>The per-family comparison failed: %1</source>
        <translation>Der Vergleich je Familie ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Per-family comparison cancelled.</source>
        <translation>Vergleich je Familie abgebrochen.</translation>
    </message>
    <message>
        <source>Comparing per family: starting...</source>
        <translation>Vergleich je Familie: Start...</translation>
    </message>
    <message>
        <source>Per-family comparison</source>
        <translation>Vergleich je Familie</translation>
    </message>
    <message>
        <source>No per-family results.</source>
        <translation>Keine Ergebnisse je Familie.</translation>
    </message>
    <message>
        <source>%1
IoU %2</source>
        <translation>%1
IoU %2</translation>
    </message>
    <message>
        <source>Image AUROC</source>
        <translation>Bild-AUROC</translation>
    </message>
    <message>
        <source>SimpleNet dynamic</source>
        <translation>SimpleNet dynamisch</translation>
    </message>
    <message>
        <source>Sam2Sim</source>
        <translation>Sam2Sim</translation>
    </message>
    <message>
        <source>Static %1 · dynamic %2 · Sam2Sim %3 (image AUROC, all families cycled); weakest family for Sam2Sim: %4. Segmenter: %5.</source>
        <translation>Statisch %1 · dynamisch %2 · Sam2Sim %3 (Bild-AUROC, alle Familien im Wechsel); schwächste Familie für Sam2Sim: %4. Segmentierer: %5.</translation>
    </message>
</context>
<context>
    <name>s2s::ui::ForegroundPanel</name>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Foreground mask</source>
        <translation>Vordergrundmaske</translation>
    </message>
    <message>
        <source>Extracted object</source>
        <translation>Freigestelltes Objekt</translation>
    </message>
    <message>
        <source>Select an image (dataset browser or heatmap viewer).</source>
        <translation>Ein Bild wählen (Datensatz-Browser oder Heatmap-Ansicht).</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>Neu berechnen</translation>
    </message>
    <message>
        <source>Segmenting %1...</source>
        <translation>Segmentiere %1...</translation>
    </message>
    <message>
        <source>%1 · segmenter: %2, confidence %3</source>
        <translation>%1 · Segmentierer: %2, Konfidenz %3</translation>
    </message>
</context>
<context>
    <name>s2s::ui::HeatmapViewer</name>
    <message>
        <source>All images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <source>Errors (FP + FN)</source>
        <translation>Fehler (FP + FN)</translation>
    </message>
    <message>
        <source>False positives</source>
        <translation>Falsch positive</translation>
    </message>
    <message>
        <source>False negatives</source>
        <translation>Falsch negative</translation>
    </message>
    <message>
        <source>Anomalous (ground truth)</source>
        <translation>Anomal (Ground Truth)</translation>
    </message>
    <message>
        <source>Normal (ground truth)</source>
        <translation>Normal (Ground Truth)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Defect</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Ground truth</source>
        <translation>Ground Truth</translation>
    </message>
    <message>
        <source>Train a model to review its heatmaps.</source>
        <translation>Ein Modell trainieren, um seine Heatmaps zu prüfen.</translation>
    </message>
    <message>
        <source>anomalous</source>
        <translation>anomal</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) &amp;nbsp; score &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; threshold %4 (%5) &amp;nbsp; verdict &lt;b&gt;%6&lt;/b&gt; &amp;nbsp; %7</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2) &amp;nbsp; Score &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; Schwelle %4 (%5) &amp;nbsp; Urteil &lt;b&gt;%6&lt;/b&gt; &amp;nbsp; %7</translation>
    </message>
    <message>
        <source>Heatmap opacity</source>
        <translation>Deckkraft der Heatmap</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit the whole image into the view (F)</source>
        <translation>Das ganze Bild in die Ansicht einpassen (F)</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>One image pixel per screen pixel (1)</source>
        <translation>Ein Bildpixel je Bildschirmpixel (1)</translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation>Deckkraft:</translation>
    </message>
    <message>
        <source>Pseudo-backgrounds</source>
        <translation>Pseudo-Hintergründe</translation>
    </message>
    <message>
        <source>Show the evaluation on pseudo-backgrounds: each image as the composite that was scored</source>
        <translation>Die Auswertung auf Pseudo-Hintergründen zeigen: jedes Bild als die bewertete Komposition</translation>
    </message>
    <message>
        <source>No image matches the filter &quot;%1&quot;.</source>
        <translation>Kein Bild passt zum Filter „%1“.</translation>
    </message>
    <message>
        <source>No results: train a model or open a run (File &gt; Open run...).</source>
        <translation>Keine Ergebnisse: ein Modell trainieren oder einen Lauf öffnen (Datei &gt; Lauf öffnen...).</translation>
    </message>
    <message>
        <source>&lt;br&gt;On pseudo-background &lt;b&gt;%1&lt;/b&gt; (seed %2): the composite that was scored</source>
        <translation>&lt;br&gt;Auf Pseudo-Hintergrund &lt;b&gt;%1&lt;/b&gt; (Seed %2): die bewertete Komposition</translation>
    </message>
    <message>
        <source>Not scored: outside the centre crop the model sees</source>
        <translation>Nicht bewertet: außerhalb des mittigen Ausschnitts, den das Modell sieht</translation>
    </message>
</context>
<context>
    <name>s2s::ui::InspectImageView</name>
    <message>
        <source>Heatmap opacity</source>
        <translation>Deckkraft der Heatmap</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>Heatmap</translation>
    </message>
    <message>
        <source>Select an image of the lot to see where it deviates.</source>
        <translation>Wählen Sie ein Bild des Loses, um zu sehen, wo es abweicht.</translation>
    </message>
    <message>
        <source>%1 — score %2, %3 at threshold %4, %5 ms</source>
        <translation>%1 — Wert %2, %3 bei Schwelle %4, %5 ms</translation>
    </message>
    <message>
        <source>NG</source>
        <translation>NG</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>(foreground: %1)</source>
        <translation>(Vordergrund: %1)</translation>
    </message>
    <message>
        <source>(the image itself cannot be shown: %1)</source>
        <translation>(das Bild selbst kann nicht angezeigt werden: %1)</translation>
    </message>
</context>
<context>
    <name>s2s::ui::InspectPanel</name>
    <message>
        <source>Cancelled: the rows inspected so far stand.</source>
        <translation>Abgebrochen: die bisher geprüften Zeilen bleiben.</translation>
    </message>
    <message>
        <source>Run...</source>
        <translation>Lauf...</translation>
    </message>
    <message>
        <source>Inspect with another saved run folder</source>
        <translation>Mit einem anderen gespeicherten Laufordner prüfen</translation>
    </message>
    <message>
        <source>Inspect images...</source>
        <translation>Bilder prüfen...</translation>
    </message>
    <message>
        <source>Inspect folder...</source>
        <translation>Ordner prüfen...</translation>
    </message>
    <message>
        <source>Watch folder...</source>
        <translation>Ordner überwachen...</translation>
    </message>
    <message>
        <source>Inspect image files as they arrive in a folder (a camera writing into it)</source>
        <translation>Bilddateien prüfen, sobald sie in einem Ordner ankommen (eine Kamera schreibt hinein)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Save lot...</source>
        <translation>Los speichern...</translation>
    </message>
    <message>
        <source>Export lot report...</source>
        <translation>Losbericht exportieren...</translation>
    </message>
    <message>
        <source>NG when the score is at or above this value</source>
        <translation>NG, wenn der Wert diesen Wert erreicht oder übersteigt</translation>
    </message>
    <message>
        <source>Run&apos;s threshold</source>
        <translation>Schwelle des Laufs</translation>
    </message>
    <message>
        <source>NG only</source>
        <translation>Nur NG</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Open a saved run folder to inspect with</source>
        <translation>Einen gespeicherten Laufordner zum Prüfen öffnen</translation>
    </message>
    <message>
        <source>Images to inspect</source>
        <translation>Zu prüfende Bilder</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.tif *.tiff);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>A folder of images to inspect (a lot)</source>
        <translation>Ein Ordner mit zu prüfenden Bildern (ein Los)</translation>
    </message>
    <message>
        <source>A folder to watch: images are inspected as they arrive</source>
        <translation>Ein zu überwachender Ordner: Bilder werden bei Ankunft geprüft</translation>
    </message>
    <message>
        <source>Run for the next lot: %1 (the lot on screen was inspected with run %2)</source>
        <translation>Lauf für das nächste Los: %1 (das angezeigte Los wurde mit Lauf %2 geprüft)</translation>
    </message>
    <message>
        <source>No run yet: train a model, open a run (File &gt; Open run...) or pick a run folder.</source>
        <translation>Noch kein Lauf: trainieren Sie ein Modell, öffnen Sie einen Lauf (Datei &gt; Lauf öffnen...) oder wählen Sie einen Laufordner.</translation>
    </message>
    <message>
        <source>Run: %1</source>
        <translation>Lauf: %1</translation>
    </message>
    <message>
        <source>rule: %1 (the run&apos;s)</source>
        <translation>Regel: %1 (des Laufs)</translation>
    </message>
    <message>
        <source>The threshold in the run&apos;s metrics.json; NG when the score is at or above it</source>
        <translation>Die Schwelle aus metrics.json des Laufs; NG, wenn der Wert sie erreicht oder übersteigt</translation>
    </message>
    <message>
        <source>not a number (verdicts at %1)</source>
        <translation>keine Zahl (Urteile bei %1)</translation>
    </message>
    <message>
        <source>rule: value</source>
        <translation>Regel: Wert</translation>
    </message>
    <message>
        <source>Set here; the run&apos;s threshold is %1 (%2)</source>
        <translation>Hier gesetzt; die Schwelle des Laufs ist %1 (%2)</translation>
    </message>
    <message>
        <source>Select an image of the lot to see where it deviates.</source>
        <translation>Wählen Sie ein Bild des Loses, um zu sehen, wo es abweicht.</translation>
    </message>
    <message numerus="yes">
        <source>Watch of %1 stopped: %n image(s) scored.</source>
        <translation>
            <numerusform>Überwachung von %1 beendet: %n Bild bewertet.</numerusform>
            <numerusform>Überwachung von %1 beendet: %n Bilder bewertet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Lot stopped early: the rows inspected so far stand.</source>
        <translation>Los vorzeitig beendet: die bisher geprüften Zeilen bleiben.</translation>
    </message>
    <message numerus="yes">
        <source>Lot inspected: %n image(s) scored.</source>
        <translation>
            <numerusform>Los geprüft: %n Bild bewertet.</numerusform>
            <numerusform>Los geprüft: %n Bilder bewertet.</numerusform>
        </translation>
    </message>
    <message>
        <source>No run to inspect with: train a model or open a run first.</source>
        <translation>Kein Lauf zum Prüfen: trainieren Sie zuerst ein Modell oder öffnen Sie einen Lauf.</translation>
    </message>
    <message numerus="yes">
        <source>Inspecting %n image(s) with %1</source>
        <translation>
            <numerusform>Prüfe %n Bild mit %1</numerusform>
            <numerusform>Prüfe %n Bilder mit %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Inspecting</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Stop watch</source>
        <translation>Überwachung beenden</translation>
    </message>
    <message>
        <source>Watching %1: each image file is inspected once it is complete.</source>
        <translation>Überwache %1: jede Bilddatei wird geprüft, sobald sie vollständig ist.</translation>
    </message>
    <message>
        <source>Watching</source>
        <translation>Überwachung</translation>
    </message>
    <message>
        <source>cancelling...</source>
        <translation>wird abgebrochen...</translation>
    </message>
    <message>
        <source>Inspected %1   OK %2   NG %3   NG rate %4 %   %5 images/s   skipped %6</source>
        <translation>Geprüft %1   OK %2   NG %3   NG-Rate %4 %   %5 Bilder/s   übersprungen %6</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message>
        <source>Stop the watch first: a lot is saved (and reported) whole.</source>
        <translation>Beenden Sie zuerst die Überwachung: ein Los wird als Ganzes gespeichert (und berichtet).</translation>
    </message>
    <message>
        <source>Wait for the job in flight to end (or cancel it) first.</source>
        <translation>Warten Sie, bis der laufende Auftrag endet (oder brechen Sie ihn ab).</translation>
    </message>
    <message>
        <source>Nothing to write yet: inspect images or a folder first.</source>
        <translation>Noch nichts zu schreiben: prüfen Sie zuerst Bilder oder einen Ordner.</translation>
    </message>
    <message>
        <source>Lot folder (empty, or an earlier lot to replace): verdicts.csv, lot.json, maps/</source>
        <translation>Losordner (leer oder ein früheres Los zum Ersetzen): verdicts.csv, lot.json, maps/</translation>
    </message>
    <message>
        <source>Export lot report</source>
        <translation>Losbericht exportieren</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving the lot</source>
        <translation>Los wird gespeichert</translation>
    </message>
    <message>
        <source>Lot saved to %1</source>
        <translation>Los gespeichert in %1</translation>
    </message>
    <message>
        <source>Writing the lot report</source>
        <translation>Losbericht wird geschrieben</translation>
    </message>
    <message>
        <source>Lot report written to %1</source>
        <translation>Losbericht geschrieben nach %1</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>Prüfen</translation>
    </message>
</context>
<context>
    <name>s2s::ui::JobRunner</name>
    <message>
        <source>not enough memory for this job. Close other programs or use fewer or smaller images, then try again; the results on screen are kept.</source>
        <translation>nicht genug Arbeitsspeicher für diesen Auftrag. Andere Programme schließen oder weniger bzw. kleinere Bilder verwenden und erneut versuchen; die angezeigten Ergebnisse bleiben erhalten.</translation>
    </message>
</context>
<context>
    <name>s2s::ui::LotTable</name>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>foreground: %1</source>
        <translation>Vordergrund: %1</translation>
    </message>
    <message>
        <source>NG</source>
        <translation>NG</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>s2s::ui::MainWindow</name>
    <message>
        <source>Inspect</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Save &amp;lot...</source>
        <translation>&amp;Los speichern...</translation>
    </message>
    <message>
        <source>Export lot re&amp;port (PDF)...</source>
        <translation>Los&amp;bericht exportieren (PDF)...</translation>
    </message>
    <message>
        <source>Sam2Sim Studio</source>
        <translation>Sam2Sim Studio</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Heatmaps</source>
        <translation>Heatmaps</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <source>Foreground</source>
        <translation>Vordergrund</translation>
    </message>
    <message>
        <source>Pseudo-backgrounds</source>
        <translation>Pseudo-Hintergründe</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Train a model first: pseudo-backgrounds test a trained model.</source>
        <translation>Zuerst ein Modell trainieren: Pseudo-Hintergründe testen ein trainiertes Modell.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open dataset...</source>
        <translation>Datensatz ö&amp;ffnen...</translation>
    </message>
    <message>
        <source>Open an MVTec-style dataset or category folder</source>
        <translation>Einen Datensatz- oder Kategorieordner im MVTec-Format öffnen</translation>
    </message>
    <message>
        <source>Recent datasets</source>
        <translation>Zuletzt geöffnete Datensätze</translation>
    </message>
    <message>
        <source>&amp;Generate demo dataset...</source>
        <translation>Demo-Datensatz &amp;erzeugen...</translation>
    </message>
    <message>
        <source>Folder for the demo dataset</source>
        <translation>Ordner für den Demo-Datensatz</translation>
    </message>
    <message>
        <source>&amp;Save run...</source>
        <translation>Lauf &amp;speichern...</translation>
    </message>
    <message>
        <source>Export &amp;report (PDF)...</source>
        <translation>&amp;Bericht exportieren (PDF)...</translation>
    </message>
    <message>
        <source>Export results (&amp;CSV)...</source>
        <translation>Ergebnisse exportieren (&amp;CSV)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Next image</source>
        <translation>Nächstes Bild</translation>
    </message>
    <message>
        <source>Previous image</source>
        <translation>Vorheriges Bild</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>Language (applied on restart)</source>
        <translation>Sprache (wirkt nach Neustart)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>The language changes the next time the studio starts.</source>
        <translation>Die Sprache ändert sich beim nächsten Start des Studios.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Sam2Sim Studio</source>
        <translation>Ü&amp;ber Sam2Sim Studio</translation>
    </message>
    <message>
        <source>About Sam2Sim Studio</source>
        <translation>Über Sam2Sim Studio</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sam2Sim Studio %1&lt;/b&gt;&lt;p&gt;Unsupervised visual inspection: SimpleNet anomaly detection with foreground extraction and pseudo-background robustness tests.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Sam2Sim Studio %1&lt;/b&gt;&lt;p&gt;Unüberwachte visuelle Inspektion: SimpleNet-Anomaliedetektion mit Vordergrundextraktion und Robustheitstests mit Pseudo-Hintergründen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Scanning %1...</source>
        <translation>%1 wird eingelesen...</translation>
    </message>
    <message>
        <source>Generating the demo dataset in %1...</source>
        <translation>Demo-Datensatz wird in %1 erzeugt...</translation>
    </message>
    <message>
        <source>Category %1 (%2)</source>
        <translation>Kategorie %1 (%2)</translation>
    </message>
    <message>
        <source>object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>texture</source>
        <translation>Textur</translation>
    </message>
    <message>
        <source>Open a dataset and select a category first.</source>
        <translation>Zuerst einen Datensatz öffnen und eine Kategorie wählen.</translation>
    </message>
    <message>
        <source>Nothing to save yet: train a model first.</source>
        <translation>Noch nichts zu speichern: zuerst ein Modell trainieren.</translation>
    </message>
    <message>
        <source>Folder for the run</source>
        <translation>Ordner für den Lauf</translation>
    </message>
    <message>
        <source>Nothing to export yet: train a model first.</source>
        <translation>Noch nichts zu exportieren: zuerst ein Modell trainieren.</translation>
    </message>
    <message>
        <source>Export per-image results</source>
        <translation>Ergebnisse je Bild exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Nothing to report yet: train a model first.</source>
        <translation>Noch nichts für einen Bericht: zuerst ein Modell trainieren.</translation>
    </message>
    <message>
        <source>Export inspection report</source>
        <translation>Prüfbericht exportieren</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>&amp;Weights...</source>
        <translation>&amp;Gewichte...</translation>
    </message>
    <message>
        <source>Export &amp;model...</source>
        <translation>&amp;Modell exportieren...</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder for the run: %1</source>
        <translation>Temporärer Ordner für den Lauf kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>Model exported to %1</source>
        <translation>Modell exportiert nach %1</translation>
    </message>
    <message>
        <source>Exporting model</source>
        <translation>Modell wird exportiert</translation>
    </message>
    <message>
        <source>no category folder with train/good images was found</source>
        <translation>es wurde kein Kategorieordner mit train/good-Bildern gefunden</translation>
    </message>
    <message>
        <source>%1 is not a dataset: %2. Open an MVTec-style dataset (CATEGORY/train/good, CATEGORY/test/...) or one category folder.</source>
        <translation>%1 ist kein Datensatz: %2. Einen Datensatz im MVTec-Format (KATEGORIE/train/good, KATEGORIE/test/...) oder einen Kategorieordner öffnen.</translation>
    </message>
    <message>
        <source>Not a dataset: %1</source>
        <translation>Kein Datensatz: %1</translation>
    </message>
    <message>
        <source>Not a dataset: %1 (still open: %2)</source>
        <translation>Kein Datensatz: %1 (weiterhin geöffnet: %2)</translation>
    </message>
    <message>
        <source>cancelling...</source>
        <translation>wird abgebrochen...</translation>
    </message>
    <message>
        <source>Opened run %1</source>
        <translation>Lauf %1 geöffnet</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Bericht geschrieben nach %1</translation>
    </message>
    <message>
        <source>Run saved to %1</source>
        <translation>Lauf gespeichert in %1</translation>
    </message>
    <message>
        <source>Open &amp;run...</source>
        <translation>&amp;Lauf öffnen...</translation>
    </message>
    <message>
        <source>Open a saved run folder (config.json, heads.safetensors, ...)</source>
        <translation>Einen gespeicherten Lauf-Ordner öffnen (config.json, heads.safetensors, ...)</translation>
    </message>
    <message>
        <source>%1: the run&apos;s dataset %2 is not there</source>
        <translation>%1: der Datensatz %2 des Laufs ist nicht vorhanden</translation>
    </message>
    <message>
        <source>%1: category %2 is not in %3</source>
        <translation>%1: Kategorie %2 ist nicht in %3</translation>
    </message>
    <message>
        <source>A job is running (%1). Quitting cancels it and its results are lost.</source>
        <translation>Ein Auftrag läuft (%1). Beenden bricht ihn ab, seine Ergebnisse gehen verloren.</translation>
    </message>
    <message>
        <source>Cancel job and quit</source>
        <translation>Auftrag abbrechen und beenden</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>Weiterarbeiten</translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation>Öffnen von %1</translation>
    </message>
    <message>
        <source>A job is running (%1). %2 cancels it and its results are lost.</source>
        <translation>Ein Auftrag läuft (%1). %2 bricht ihn ab, seine Ergebnisse gehen verloren.</translation>
    </message>
    <message>
        <source>Cancel job and switch</source>
        <translation>Auftrag abbrechen und wechseln</translation>
    </message>
    <message>
        <source>Switching to %1</source>
        <translation>Wechsel zu %1</translation>
    </message>
    <message>
        <source>%1 is a texture: it has no background, so it is never segmented or composited (no foreground extraction, no pseudo-backgrounds).</source>
        <translation>%1 ist eine Textur: sie hat keinen Hintergrund und wird daher nie segmentiert oder montiert (keine Vordergrundextraktion, keine Pseudo-Hintergründe).</translation>
    </message>
    <message>
        <source>%1 keeps its background (it carries information): it is never removed.</source>
        <translation>Bei %1 bleibt der Hintergrund erhalten (er trägt Information): er wird nie entfernt.</translation>
    </message>
    <message>
        <source>A folder is being watched (inspected so far: %1). Quitting stops the watch; the rows on screen are lost unless saved.</source>
        <translation>Ein Ordner wird überwacht (bisher geprüft: %1). Beenden stoppt die Überwachung; die angezeigten Zeilen gehen verloren, sofern sie nicht gespeichert sind.</translation>
    </message>
    <message>
        <source>A lot is being inspected (inspected so far: %1). Quitting stops it and its rows are lost.</source>
        <translation>Ein Los wird geprüft (bisher geprüft: %1). Beenden stoppt die Prüfung, ihre Zeilen gehen verloren.</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>Stoppen und beenden</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>&lt;b&gt;With pseudo-backgrounds:&lt;/b&gt; image AUROC %1, pixel AUROC %2 (plain test set: %3 / %4). &lt;a href=&quot;#evaluation&quot;&gt;Details on the Evaluation tab&lt;/a&gt;</source>
        <translation>&lt;b&gt;Mit Pseudo-Hintergründen:&lt;/b&gt; Bild-AUROC %1, Pixel-AUROC %2 (unveränderte Testmenge: %3 / %4). &lt;a href=&quot;#evaluation&quot;&gt;Details im Tab Auswertung&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Reopening the run of %1 (%2): scanning its dataset %3...</source>
        <translation>Lauf von %1 wird wieder geöffnet (%2): Datensatz %3 wird eingelesen...</translation>
    </message>
    <message>
        <source>Reopening the run of %1 (%2)...</source>
        <translation>Lauf von %1 wird wieder geöffnet (%2)...</translation>
    </message>
</context>
<context>
    <name>s2s::ui::ProgressText</name>
    <message>
        <source>features of the training images</source>
        <translation>Merkmale der Trainingsbilder</translation>
    </message>
    <message>
        <source>features of the test images</source>
        <translation>Merkmale der Testbilder</translation>
    </message>
    <message>
        <source>features of the composites</source>
        <translation>Merkmale der Kompositionen</translation>
    </message>
    <message>
        <source>removing backgrounds</source>
        <translation>Hintergrundentfernung</translation>
    </message>
    <message>
        <source>compositing pseudo-backgrounds</source>
        <translation>Montage der Pseudo-Hintergründe</translation>
    </message>
    <message>
        <source>learning the object&apos;s look</source>
        <translation>Erlernen des Objektaussehens</translation>
    </message>
    <message>
        <source>scoring</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>pixel metrics</source>
        <translation>Pixelmetriken</translation>
    </message>
    <message>
        <source>training SimpleNet</source>
        <translation>SimpleNet-Training</translation>
    </message>
    <message>
        <source>training Sam2Sim</source>
        <translation>Sam2Sim-Training</translation>
    </message>
    <message>
        <source>comparison part</source>
        <translation>Vergleichsteil</translation>
    </message>
    <message>
        <source>sigma sweep</source>
        <translation>Sigma-Durchlauf</translation>
    </message>
    <message>
        <source>export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>inspecting</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>watching</source>
        <translation>Überwachung</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>Überprüfung</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>about %1 s</source>
        <translation>etwa %1 s</translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation>etwa %1 min</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>overall %1 left</source>
        <translation>insgesamt noch %1</translation>
    </message>
</context>
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
    <message>
        <source>median to maximum map value</source>
        <translation>Median bis Maximum der Kartenwerte</translation>
    </message>
    <message>
        <source>%1 (file time)</source>
        <translation>%1 (Dateizeit)</translation>
    </message>
    <message>
        <source>%1, Sam2Sim Studio %2</source>
        <translation>%1, Sam2Sim Studio %2</translation>
    </message>
    <message>
        <source>Model selection</source>
        <translation>Modellauswahl</translation>
    </message>
    <message>
        <source>Skipped inputs</source>
        <translation>Übersprungene Eingaben</translation>
    </message>
    <message>
        <source>%1 files left out when the dataset was read (listed in metrics.json), first %2</source>
        <translation>%1 Dateien beim Einlesen ausgelassen (in metrics.json aufgeführt), zuerst %2</translation>
    </message>
    <message>
        <source>setting %1 (not recorded by this run)</source>
        <translation>Einstellung %1 (von diesem Lauf nicht aufgezeichnet)</translation>
    </message>
    <message>
        <source>%1 absolute (setting: %2)</source>
        <translation>%1 absolut (Einstellung: %2)</translation>
    </message>
    <message>
        <source>%1 absolute = %2 x the feature scale %3 (setting: %4)</source>
        <translation>%1 absolut = %2 x die Merkmalsskala %3 (Einstellung: %4)</translation>
    </message>
    <message>
        <source>not recorded by this run</source>
        <translation>von diesem Lauf nicht aufgezeichnet</translation>
    </message>
    <message>
        <source>NOT LEARNING - the noise sigma does not suit these features, the maps are noise (%1)</source>
        <translation>LERNT NICHT - das Rausch-Sigma passt nicht zu diesen Merkmalen, die Karten sind Rauschen (%1)</translation>
    </message>
    <message>
        <source>Discriminator</source>
        <translation>Diskriminator</translation>
    </message>
    <message>
        <source>Robustness per background family</source>
        <translation>Robustheit je Hintergrundfamilie</translation>
    </message>
    <message>
        <source>Each family of pseudo-backgrounds on the whole test set. SimpleNet dynamic: the model trained on the original images; Sam2Sim: trained and tested with the background removed (segmenter: %1). Mask IoU: the composite&apos;s extracted mask against the clean image&apos;s; a family where it drops is one the extractor does not survive.</source>
        <translation>Jede Familie von Pseudo-Hintergründen auf dem ganzen Testsatz. SimpleNet dynamisch: das auf den Originalbildern trainierte Modell; Sam2Sim: mit entferntem Hintergrund trainiert und getestet (Segmentierer: %1). Masken-IoU: die extrahierte Maske der Komposition gegen die des sauberen Bildes; eine Familie, bei der sie sinkt, übersteht der Extraktor nicht.</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Dyn. I-AUROC</source>
        <translation>Dyn. I-AUROC</translation>
    </message>
    <message>
        <source>Sam2Sim I-AUROC</source>
        <translation>Sam2Sim I-AUROC</translation>
    </message>
    <message>
        <source>Dyn. P-AUROC</source>
        <translation>Dyn. P-AUROC</translation>
    </message>
    <message>
        <source>Sam2Sim P-AUROC</source>
        <translation>Sam2Sim P-AUROC</translation>
    </message>
    <message>
        <source>Mask IoU</source>
        <translation>Masken-IoU</translation>
    </message>
    <message>
        <source>Image AUROC per background family</source>
        <translation>Bild-AUROC je Hintergrundfamilie</translation>
    </message>
    <message>
        <source>SimpleNet dynamic</source>
        <translation>SimpleNet dynamisch</translation>
    </message>
    <message>
        <source>Sam2Sim</source>
        <translation>Sam2Sim</translation>
    </message>
    <message>
        <source> - OUTSIDE THE WORKING RANGE %1x-%2x</source>
        <translation> - AUSSERHALB DES ARBEITSBEREICHS %1x-%2x</translation>
    </message>
    <message>
        <source>off for this category (%1: its background is never removed)</source>
        <translation>für diese Kategorie aus (%1: ihr Hintergrund wird nie entfernt)</translation>
    </message>
    <message>
        <source>Image not readable</source>
        <translation>Bild nicht lesbar</translation>
    </message>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>Maske</translation>
    </message>
    <message>
        <source>sha256</source>
        <translation>sha256</translation>
    </message>
    <message>
        <source>image AUROC n/a</source>
        <translation>Bild-AUROC k. A.</translation>
    </message>
    <message>
        <source>image AUROC %1</source>
        <translation>Bild-AUROC %1</translation>
    </message>
    <message>
        <source>%1 of %2 test images right at its threshold (%3 %; false positives %4, false negatives %5)</source>
        <translation>%1 von %2 Testbildern bei seiner Schwelle richtig (%3 %; falsch positiv %4, falsch negativ %5)</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>nicht aufgezeichnet</translation>
    </message>
    <message>
        <source>Lot report: %1</source>
        <translation>Losbericht: %1</translation>
    </message>
    <message>
        <source>Lot report</source>
        <translation>Losbericht</translation>
    </message>
    <message>
        <source>Lot %1, category %2</source>
        <translation>Los %1, Kategorie %2</translation>
    </message>
    <message>
        <source>%1 images inspected: %2 OK, %3 NG (NG rate %4 %) at threshold %5 (rule %6); %7 files skipped.</source>
        <translation>%1 Bilder geprüft: %2 OK, %3 NG (NG-Rate %4 %) bei Schwelle %5 (Regel %6); %7 Dateien übersprungen.</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Los</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>watched folder %1</source>
        <translation>überwachter Ordner %1</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>Stapelverarbeitung</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>(interrupted)</source>
        <translation>(unterbrochen)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Run accuracy on its test set</source>
        <translation>Genauigkeit des Laufs auf seinem Testsatz</translation>
    </message>
    <message>
        <source>%1, weights sha256 %2</source>
        <translation>%1, Gewichte sha256 %2</translation>
    </message>
    <message>
        <source>none (not pretrained)</source>
        <translation>keine (nicht vortrainiert)</translation>
    </message>
    <message>
        <source>Heads sha256</source>
        <translation>Köpfe sha256</translation>
    </message>
    <message>
        <source>Foreground extraction</source>
        <translation>Vordergrundextraktion</translation>
    </message>
    <message>
        <source>%1, model %2</source>
        <translation>%1, Modell %2</translation>
    </message>
    <message>
        <source>off (backgrounds kept)</source>
        <translation>aus (Hintergründe bleiben erhalten)</translation>
    </message>
    <message>
        <source>%1 - rule %2; NG when score &gt;= threshold</source>
        <translation>%1 - Regel %2; NG, wenn Score &gt;= Schwelle</translation>
    </message>
    <message>
        <source>%1 (OK %2, NG %3)</source>
        <translation>%1 (OK %2, NG %3)</translation>
    </message>
    <message>
        <source>NG rate</source>
        <translation>NG-Rate</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>%1 images/s (inspection alone, %2 s)</source>
        <translation>%1 Bilder/s (nur Prüfung, %2 s)</translation>
    </message>
    <message>
        <source>NG images</source>
        <translation>NG-Bilder</translation>
    </message>
    <message>
        <source>By score, highest first. Left: the image with the model&apos;s crop (dashed). Right: the crop with the anomaly heatmap and, when the run removes backgrounds, the foreground outline its extractor found.</source>
        <translation>Nach Score, höchster zuerst. Links: das Bild mit dem Ausschnitt des Modells (gestrichelt). Rechts: der Ausschnitt mit der Anomalie-Heatmap und, wenn der Lauf Hintergründe entfernt, der vom Extraktor gefundenen Vordergrundkontur.</translation>
    </message>
    <message>
        <source>The %1 highest of %2 NG images are shown.</source>
        <translation>Die %1 höchsten von %2 NG-Bildern werden gezeigt.</translation>
    </message>
    <message>
        <source>No image of this lot is NG.</source>
        <translation>Kein Bild dieses Loses ist NG.</translation>
    </message>
    <message>
        <source>A sample of OK images</source>
        <translation>Stichprobe der OK-Bilder</translation>
    </message>
    <message>
        <source>No image of this lot is OK.</source>
        <translation>Kein Bild dieses Loses ist OK.</translation>
    </message>
    <message>
        <source>%1 of the %2 OK images, drawn at random.</source>
        <translation>%1 der %2 OK-Bilder, zufällig ausgewählt.</translation>
    </message>
    <message>
        <source>Skipped files</source>
        <translation>Übersprungene Dateien</translation>
    </message>
    <message>
        <source>None: every input was inspected.</source>
        <translation>Keine: jede Eingabe wurde geprüft.</translation>
    </message>
    <message>
        <source>... and %1 more (lot.json lists them all).</source>
        <translation>... und %1 weitere (lot.json führt alle auf).</translation>
    </message>
    <message>
        <source>Sam2Sim Studio lot report - %1</source>
        <translation>Sam2Sim Studio Losbericht - %1</translation>
    </message>
    <message>
        <source>%4; last epoch: loss %1, p_true %2, p_fake %3</source>
        <translation>%4; letzte Epoche: Verlust %1, p_true %2, p_fake %3</translation>
    </message>
    <message numerus="yes">
        <source>n/a - no masks: %n defect image(s) have image-level labels only</source>
        <translation>
            <numerusform>k. A. - keine Masken: %n Defektbild hat nur ein Label auf Bildebene</numerusform>
            <numerusform>k. A. - keine Masken: %n Defektbilder haben nur Labels auf Bildebene</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>per-pixel ranking against ground-truth masks, over %1 images (%n defect image(s) without a mask left out)</source>
        <translation>
            <numerusform>Rangfolge je Pixel gegenüber Ground-Truth-Masken, über %1 Bilder (%n Defektbild ohne Maske ausgelassen)</numerusform>
            <numerusform>Rangfolge je Pixel gegenüber Ground-Truth-Masken, über %1 Bilder (%n Defektbilder ohne Maske ausgelassen)</numerusform>
        </translation>
    </message>
    <message>
        <source>This run holds no pseudo-background evaluation. %1</source>
        <translation>Dieser Lauf enthält keine Auswertung mit Pseudo-Hintergründen. %1</translation>
    </message>
    <message>
        <source>Run &apos;sam2sim eval --run RUN --background pseudo&apos; to test how the model reacts to new backgrounds.</source>
        <translation>&apos;sam2sim eval --run RUN --background pseudo&apos; ausführen, um zu testen, wie das Modell auf neue Hintergründe reagiert.</translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation>%1 Schritte</translation>
    </message>
    <message>
        <source>%1 steps from scratch at sigma %2</source>
        <translation>%1 Schritte von Grund auf bei Sigma %2</translation>
    </message>
    <message>
        <source>refitted %1 steps at sigma %2</source>
        <translation>%1 Schritte bei Sigma %2 nachtrainiert</translation>
    </message>
    <message>
        <source>refined %1 more</source>
        <translation>%1 weitere Schritte verfeinert</translation>
    </message>
    <message>
        <source> (%1 steps in all)</source>
        <translation> (insgesamt %1 Schritte)</translation>
    </message>
    <message>
        <source>nearest training patch (kNN), objects turned to one pose, no noise sigma</source>
        <translation>nächster Trainings-Patch (kNN), Objekte in eine Lage gedreht, kein Rausch-Sigma</translation>
    </message>
    <message>
        <source>nearest training patch (kNN), no noise sigma</source>
        <translation>nächster Trainings-Patch (kNN), kein Rausch-Sigma</translation>
    </message>
    <message>
        <source> - chosen from the training images %1</source>
        <translation> - anhand der Trainingsbilder gewählt %1</translation>
    </message>
    <message>
        <source>Scorer</source>
        <translation>Bewerter</translation>
    </message>
    <message>
        <source>none (nothing trained)</source>
        <translation>keine (nichts trainiert)</translation>
    </message>
    <message>
        <source>shorter side resized to %1 px, no crop</source>
        <translation>kürzere Seite auf %1 px skaliert, kein Zuschnitt</translation>
    </message>
</context>
<context>
    <name>s2s::ui::SessionController</name>
    <message>
        <source>F1-max</source>
        <translation>F1-max</translation>
    </message>
    <message>
        <source>%1 finished</source>
        <translation>%1 abgeschlossen</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 cancelled; the previous results are kept</source>
        <translation>%1 abgebrochen; die bisherigen Ergebnisse bleiben erhalten</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Pseudo-background evaluation</source>
        <translation>Auswertung mit Pseudo-Hintergründen</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <source>Saving run</source>
        <translation>Lauf wird gespeichert</translation>
    </message>
    <message>
        <source>Sigma sweep</source>
        <translation>Sigma-Durchlauf</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>Retraining for sigma %1</source>
        <translation>Nachtraining für Sigma %1</translation>
    </message>
    <message>
        <source>Training with sigma %1</source>
        <translation>Training mit Sigma %1</translation>
    </message>
    <message>
        <source>FPR &lt;= %1 on good images</source>
        <translation>FPR &lt;= %1 auf guten Bildern</translation>
    </message>
    <message>
        <source>The results were not kept for the next start: %1</source>
        <translation>Die Ergebnisse wurden nicht für den nächsten Start behalten: %1</translation>
    </message>
    <message>
        <source>not saved (the results on screen in Sam2Sim Studio)</source>
        <translation>nicht gespeichert (die Ergebnisse auf dem Bildschirm in Sam2Sim Studio)</translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation>Bericht wird geschrieben</translation>
    </message>
    <message>
        <source>Opening run</source>
        <translation>Lauf wird geöffnet</translation>
    </message>
    <message>
        <source>Refining for sigma %1</source>
        <translation>Verfeinerung für Sigma %1</translation>
    </message>
    <message>
        <source>Retraining the heads for sigma %1 on cached features: first curves after %2 steps, then refined</source>
        <translation>Köpfe für Sigma %1 werden auf zwischengespeicherten Merkmalen nachtrainiert: erste Kurven nach %2 Schritten, dann verfeinert</translation>
    </message>
    <message>
        <source>Refining the heads for sigma %1 to the final curves</source>
        <translation>Köpfe für Sigma %1 werden bis zu den endgültigen Kurven verfeinert</translation>
    </message>
    <message>
        <source>Use &quot;Evaluate with pseudo-backgrounds&quot; on the studio&apos;s Pseudo-backgrounds tab to test how the model reacts to new backgrounds.</source>
        <translation>„Mit Pseudo-Hintergründen auswerten“ auf der Registerkarte „Pseudo-Hintergründe“ des Studios verwenden, um zu testen, wie das Modell auf neue Hintergründe reagiert.</translation>
    </message>
    <message>
        <source>Sigma %1: the final results computed earlier in this session (no retraining)</source>
        <translation>Sigma %1: die zuvor in dieser Sitzung berechneten endgültigen Ergebnisse (kein Nachtraining)</translation>
    </message>
    <message>
        <source>SimpleNet discriminator</source>
        <translation>SimpleNet-Diskriminator</translation>
    </message>
    <message>
        <source>nearest training patch (kNN), objects turned to one pose</source>
        <translation>nächster Trainings-Patch (kNN), Objekte in eine Lage gedreht</translation>
    </message>
    <message>
        <source>nearest training patch (kNN)</source>
        <translation>nächster Trainings-Patch (kNN)</translation>
    </message>
</context>
<context>
    <name>s2s::ui::SigmaControl</name>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>%1 x the scale of the training features, measured to suit every backbone</source>
        <translation>%1 x die Skala der Trainingsmerkmale, so gemessen, dass es zu jedem Backbone passt</translation>
    </message>
    <message>
        <source>Absolute noise sigma in feature units (the paper&apos;s 0.015 was tuned for WRN-50)</source>
        <translation>Absolutes Rausch-Sigma in Merkmalseinheiten (die 0,015 des Papers wurden für WRN-50 abgestimmt)</translation>
    </message>
    <message>
        <source>= %1x scale</source>
        <translation>= %1x Skala</translation>
    </message>
    <message>
        <source>The feature scale is measured when the features are first extracted.</source>
        <translation>Die Merkmalsskala wird gemessen, wenn die Merkmale zum ersten Mal berechnet werden.</translation>
    </message>
    <message>
        <source>= %1x scale %2</source>
        <translation>= %1x Skala %2</translation>
    </message>
    <message>
        <source>Relative to the scale of the training features (root mean per-dimension standard deviation, %1)</source>
        <translation>Relativ zur Skala der Trainingsmerkmale (quadratisches Mittel der Standardabweichung je Dimension, %1)</translation>
    </message>
    <message>
        <source>Warning: %1.</source>
        <translation>Warnung: %1.</translation>
    </message>
</context>
<context>
    <name>s2s::ui::TrainingPanel</name>
    <message>
        <source>Backbone:</source>
        <translation>Backbone:</translation>
    </message>
    <message>
        <source>Backbone weights:</source>
        <translation>Backbone-Gewichte:</translation>
    </message>
    <message>
        <source>Weights (*.pth *.pt *.safetensors)</source>
        <translation>Gewichte (*.pth *.pt *.safetensors)</translation>
    </message>
    <message>
        <source>fast (CPU)</source>
        <translation>schnell (CPU)</translation>
    </message>
    <message>
        <source>paper (160 epochs)</source>
        <translation>Paper (160 Epochen)</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Voreinstellung:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Noise sigma:</source>
        <translation>Rausch-Sigma:</translation>
    </message>
    <message>
        <source>Retrain the heads on cached features when sigma changes</source>
        <translation>Köpfe auf zwischengespeicherten Merkmalen neu trainieren, wenn sich Sigma ändert</translation>
    </message>
    <message>
        <source>Remove the background of object images (Sam2Sim)</source>
        <translation>Hintergrund von Objektbildern entfernen (Sam2Sim)</translation>
    </message>
    <message>
        <source>Foreground:</source>
        <translation>Vordergrund:</translation>
    </message>
    <message>
        <source>classical (OpenCV)</source>
        <translation>klassisch (OpenCV)</translation>
    </message>
    <message>
        <source>SAM 2.1</source>
        <translation>SAM 2.1</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>Segmenter:</source>
        <translation>Segmentierer:</translation>
    </message>
    <message>
        <source>SAM 2 weights:</source>
        <translation>SAM-2-Gewichte:</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt *.pth)</source>
        <translation>Checkpoints (*.pt *.pth)</translation>
    </message>
    <message>
        <source>all cores (%1)</source>
        <translation>alle Kerne (%1)</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>p_true</source>
        <translation>p_true</translation>
    </message>
    <message>
        <source>p_fake</source>
        <translation>p_fake</translation>
    </message>
    <message>
        <source>epoch %1/%2, ETA %3 s</source>
        <translation>Epoche %1/%2, noch %3 s</translation>
    </message>
    <message>
        <source>epoch %1/%2: loss %3, p_true %4, p_fake %5</source>
        <translation>Epoche %1/%2: Verlust %3, p_true %4, p_fake %5</translation>
    </message>
    <message>
        <source>wide_resnet50_2, random weights (NOT pretrained)</source>
        <translation>wide_resnet50_2, Zufallsgewichte (NICHT vortrainiert)</translation>
    </message>
    <message>
        <source>sam2.1_hiera_tiny.pt (none found)</source>
        <translation>sam2.1_hiera_tiny.pt (keine gefunden)</translation>
    </message>
    <message>
        <source>found: %1</source>
        <translation>gefunden: %1</translation>
    </message>
    <message>
        <source>torchvision .pth or .safetensors</source>
        <translation>torchvision .pth oder .safetensors</translation>
    </message>
    <message>
        <source>Backbone NOT PRETRAINED: random weights were chosen, or no weights file was found (Settings &gt; Weights...). Results show the workflow, not real inspection quality.</source>
        <translation>Backbone NICHT VORTRAINIERT: Zufallsgewichte wurden gewählt, oder es wurde keine Gewichtsdatei gefunden (Einstellungen &gt; Gewichte...). Die Ergebnisse zeigen den Ablauf, nicht die echte Prüfqualität.</translation>
    </message>
    <message>
        <source>Backbone weights: %1 (%2)</source>
        <translation>Backbone-Gewichte: %1 (%2)</translation>
    </message>
    <message>
        <source>The discriminator did not learn: last epoch loss %1, p_true %2, p_fake %3. Noise sigma %4 does not suit these features (scale %5), so the heatmaps are noise. Choose &quot;auto&quot; or a sigma near %6.</source>
        <translation>Der Diskriminator hat nicht gelernt: letzte Epoche Verlust %1, p_true %2, p_fake %3. Rausch-Sigma %4 passt nicht zu diesen Merkmalen (Skala %5), die Heatmaps sind daher Rauschen. „auto“ oder ein Sigma nahe %6 wählen.</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>cancelling...</source>
        <translation>wird abgebrochen...</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Sam2Sim: the background of object images is removed before training and scoring (on by default). Textures, and categories that keep their background, are never segmented.</source>
        <translation>Sam2Sim: Der Hintergrund von Objektbildern wird vor Training und Bewertung entfernt (standardmäßig an). Texturen und Kategorien, die ihren Hintergrund behalten, werden nie segmentiert.</translation>
    </message>
    <message>
        <source>at least %1 steps (more epochs on a small category)</source>
        <translation>mindestens %1 Schritte (mehr Epochen bei einer kleinen Kategorie)</translation>
    </message>
    <message>
        <source>will run %1 epochs = %2 steps on %3 images (the preset trains at least %4 steps)</source>
        <translation>trainiert %1 Epochen = %2 Schritte auf %3 Bildern (die Voreinstellung trainiert mindestens %4 Schritte)</translation>
    </message>
    <message>
        <source>will run %1 epochs = %2 steps on %3 images</source>
        <translation>trainiert %1 Epochen = %2 Schritte auf %3 Bildern</translation>
    </message>
    <message>
        <source>Trained with noise sigma %1 = %2x the feature scale %3 (%4)</source>
        <translation>Trainiert mit Rausch-Sigma %1 = %2x die Merkmalsskala %3 (%4)</translation>
    </message>
    <message>
        <source>Warning: %1. Choose &quot;auto&quot; or a sigma near %2.</source>
        <translation>Warnung: %1. „auto“ oder ein Sigma nahe %2 wählen.</translation>
    </message>
    <message>
        <source>auto: chosen from the training images</source>
        <translation>auto: anhand der Trainingsbilder gewählt</translation>
    </message>
    <message>
        <source>SimpleNet discriminator</source>
        <translation>SimpleNet-Diskriminator</translation>
    </message>
    <message>
        <source>nearest training patch (kNN)</source>
        <translation>nächster Trainings-Patch (kNN)</translation>
    </message>
    <message>
        <source>auto: parts that lie at any angle (screws) are turned to one pose and scored by their nearest training patch, with no training and no noise sigma; every other category is scored by the SimpleNet discriminator</source>
        <translation>auto: Teile, die in beliebigem Winkel liegen (Schrauben), werden in eine Lage gedreht und nach ihrem nächsten Trainings-Patch bewertet, ohne Training und ohne Rausch-Sigma; jede andere Kategorie bewertet der SimpleNet-Diskriminator</translation>
    </message>
    <message>
        <source>Scorer:</source>
        <translation>Bewerter:</translation>
    </message>
    <message>
        <source>The kNN scorer has no noise sigma</source>
        <translation>Der kNN-Bewerter hat kein Rausch-Sigma</translation>
    </message>
    <message>
        <source>Nothing to train: patches are scored by their %1; the noise sigma does not apply.</source>
        <translation>Nichts zu trainieren: Patches werden nach ihrem %1 bewertet; das Rausch-Sigma gilt hier nicht.</translation>
    </message>
</context>
<context>
    <name>s2s::ui::WeightsDialog</name>
    <message>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>Pretrained weights are looked for in $SAM2SIM_WEIGHTS_DIR, %1 and the torch hub cache; downloads go to %1.</source>
        <translation>Vortrainierte Gewichte werden in $SAM2SIM_WEIGHTS_DIR, %1 und im Torch-Hub-Cache gesucht; Downloads landen in %1.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>Was es ist</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Download abbrechen</translation>
    </message>
    <message>
        <source>Choose file...</source>
        <translation>Datei wählen...</translation>
    </message>
    <message>
        <source>%1: downloaded and checked.</source>
        <translation>%1: heruntergeladen und geprüft.</translation>
    </message>
    <message>
        <source>%1: download cancelled, nothing was kept.</source>
        <translation>%1: Download abgebrochen, nichts wurde behalten.</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>bundled: %1</source>
        <translation>mitgeliefert: %1</translation>
    </message>
    <message>
        <source>found at %1</source>
        <translation>gefunden unter %1</translation>
    </message>
    <message>
        <source>Downloading %1 from %2</source>
        <translation>Lade %1 von %2 herunter</translation>
    </message>
    <message>
        <source>Choose the weights file for %1</source>
        <translation>Gewichtsdatei für %1 wählen</translation>
    </message>
    <message>
        <source>Weights (*.pth *.pt *.safetensors)</source>
        <translation>Gewichte (*.pth *.pt *.safetensors)</translation>
    </message>
    <message>
        <source>%1: using %2 (SHA-256 %3).</source>
        <translation>%1: verwende %2 (SHA-256 %3).</translation>
    </message>
</context>
</TS>
