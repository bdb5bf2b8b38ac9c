<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>ConfigDifference</name>
    <message>
        <source>none (random weights)</source>
        <translation>없음 (무작위 가중치)</translation>
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
        <translation>1 에폭</translation>
    </message>
    <message>
        <source>%1 epochs</source>
        <translation>%1 에폭</translation>
    </message>
    <message>
        <source>%1, at least %2 steps</source>
        <translation>%1, 최소 %2단계</translation>
    </message>
    <message>
        <source>on</source>
        <translation>켜짐</translation>
    </message>
    <message>
        <source>off</source>
        <translation>꺼짐</translation>
    </message>
    <message>
        <source>as scanned</source>
        <translation>스캔 결과대로</translation>
    </message>
    <message>
        <source>backbone %1</source>
        <translation>백본 %1</translation>
    </message>
    <message>
        <source>backbone weights %1</source>
        <translation>백본 가중치 %1</translation>
    </message>
    <message>
        <source>sigma %1</source>
        <translation>시그마 %1</translation>
    </message>
    <message>
        <source>batch size %1</source>
        <translation>배치 크기 %1</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>시드 %1</translation>
    </message>
    <message>
        <source>patch fraction %1</source>
        <translation>패치 비율 %1</translation>
    </message>
    <message>
        <source>category kind %1</source>
        <translation>카테고리 종류 %1</translation>
    </message>
    <message>
        <source>foreground extraction %1</source>
        <translation>전경 추출 %1</translation>
    </message>
    <message>
        <source>segmenter %1</source>
        <translation>분할기 %1</translation>
    </message>
    <message>
        <source>background fill %1</source>
        <translation>배경 채우기 %1</translation>
    </message>
    <message>
        <source>scorer %1</source>
        <translation>채점기 %1</translation>
    </message>
    <message>
        <source>alignment %1</source>
        <translation>정렬 %1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>classical (fallback: %1)</source>
        <translation>고전적 방법 (대체: %1)</translation>
    </message>
    <message>
        <source> - implausible mask (%1): the whole frame is kept</source>
        <translation> - 비정상적인 마스크(%1): 전체 프레임을 유지합니다</translation>
    </message>
    <message>
        <source>step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>찾아보기...</translation>
    </message>
    <message>
        <source>Choose a weights file</source>
        <translation>가중치 파일 선택</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Sam2Sim Studio: unsupervised visual inspection</source>
        <translation>Sam2Sim Studio: 비지도 시각 검사</translation>
    </message>
    <message>
        <source>Dataset or category folder to open.</source>
        <translation>열 데이터셋 또는 카테고리 폴더.</translation>
    </message>
    <message>
        <source>Train the first category once the dataset is open.</source>
        <translation>데이터셋이 열리면 첫 번째 카테고리를 학습합니다.</translation>
    </message>
    <message>
        <source>After training, save a PNG of every panel to &lt;dir&gt; and quit.</source>
        <translation>학습 후 모든 패널의 PNG를 &lt;dir&gt;에 저장하고 종료합니다.</translation>
    </message>
    <message>
        <source>Backbone name.</source>
        <translation>백본 이름.</translation>
    </message>
    <message>
        <source>Backbone weights file.</source>
        <translation>백본 가중치 파일.</translation>
    </message>
    <message>
        <source>Training epochs.</source>
        <translation>학습 에포크 수.</translation>
    </message>
    <message>
        <source>Open a saved run folder (written by the studio or `sam2sim train`).</source>
        <translation>저장된 실행 폴더를 엽니다 (스튜디오 또는 `sam2sim train`이 작성).</translation>
    </message>
</context>
<context>
    <name>s2s::ui::ColorBar</name>
    <message>
        <source>score</source>
        <translation>점수</translation>
    </message>
    <message>
        <source>Heatmap colour scale: smoothed patch anomaly scores. The black mark is the threshold, the white triangle the image&apos;s score (the highest unsmoothed patch score; written at the top when above the scale)</source>
        <translation>히트맵 색상 척도: 평활화된 패치 이상 점수입니다. 검은 표시는 임계값, 흰 삼각형은 이미지의 점수(평활화 전 패치 점수의 최댓값이며, 척도보다 높으면 맨 위에 표시)입니다</translation>
    </message>
</context>
<context>
    <name>s2s::ui::CompositingPanel</name>
    <message>
        <source>all families (cycled by seed)</source>
        <translation>모든 계열 (시드에 따라 순환)</translation>
    </message>
    <message>
        <source>folder of images...</source>
        <translation>이미지 폴더...</translation>
    </message>
    <message>
        <source>Background:</source>
        <translation>배경:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>폴더:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>시드:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Feathering:</source>
        <translation>가장자리 흐림:</translation>
    </message>
    <message>
        <source>Evaluate with pseudo-backgrounds</source>
        <translation>의사 배경으로 평가</translation>
    </message>
    <message>
        <source>The object keeps its place, so ground-truth masks stay valid. Textures are not composited.</source>
        <translation>물체의 위치가 유지되므로 정답 마스크가 그대로 유효합니다. 텍스처는 합성하지 않습니다.</translation>
    </message>
    <message>
        <source>Select an image to preview its composite.</source>
        <translation>합성 미리보기를 보려면 이미지를 선택하십시오.</translation>
    </message>
    <message>
        <source>Folder of background images</source>
        <translation>배경 이미지 폴더</translation>
    </message>
    <message>
        <source>a folder of background images</source>
        <translation>배경 이미지 폴더</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>찾아보기...</translation>
    </message>
    <message>
        <source>Choose a folder of background images (Browse...).</source>
        <translation>배경 이미지 폴더를 선택하세요 (찾아보기...).</translation>
    </message>
</context>
<context>
    <name>s2s::ui::DatasetBrowser</name>
    <message>
        <source>No dataset open. Use File &gt; Open dataset, drop a folder here, or generate the demo dataset.</source>
        <translation>열린 데이터셋이 없습니다. 파일 &gt; 데이터셋 열기를 사용하거나, 폴더를 여기에 끌어다 놓거나, 데모 데이터셋을 생성하십시오.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>카테고리</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>분할:</translation>
    </message>
    <message>
        <source>Defect:</source>
        <translation>결함:</translation>
    </message>
    <message>
        <source>Scan problems (skipped files):</source>
        <translation>스캔 문제 (건너뛴 파일):</translation>
    </message>
    <message>
        <source>object</source>
        <translation>물체</translation>
    </message>
    <message>
        <source>texture</source>
        <translation>텍스처</translation>
    </message>
    <message>
        <source>Double-click to switch object/texture</source>
        <translation>두 번 클릭하여 물체/텍스처 전환</translation>
    </message>
    <message>
        <source>Kind not known from the name (default); double-click to switch</source>
        <translation>이름으로 종류를 알 수 없음(기본값). 두 번 클릭하여 전환</translation>
    </message>
    <message>
        <source>None: every file was usable.</source>
        <translation>없음: 모든 파일을 사용할 수 있었습니다.</translation>
    </message>
    <message>
        <source>%1 - %2 categories</source>
        <translation>%1 - 카테고리 %2개</translation>
    </message>
    <message>
        <source>all</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>%1 defect images without a mask (image-level labels)</source>
        <translation>마스크 없는 결함 이미지 %1개 (이미지 수준 레이블)</translation>
    </message>
    <message>
        <source>no mask</source>
        <translation>마스크 없음</translation>
    </message>
    <message>
        <source>Image-level label only: counted in the image metrics, not in the pixel metrics</source>
        <translation>이미지 수준 레이블만 있음: 이미지 지표에는 포함되고 픽셀 지표에는 포함되지 않음</translation>
    </message>
</context>
<context>
    <name>s2s::ui::EvaluationPanel</name>
    <message>
        <source>false-positive rate</source>
        <translation>위양성률</translation>
    </message>
    <message>
        <source>true-positive rate</source>
        <translation>진양성률</translation>
    </message>
    <message>
        <source>F1-max</source>
        <translation>F1-max</translation>
    </message>
    <message>
        <source>Target FPR on good images</source>
        <translation>양품 이미지의 목표 FPR</translation>
    </message>
    <message>
        <source>Manual (slider)</source>
        <translation>수동 (슬라이더)</translation>
    </message>
    <message>
        <source>Threshold rule:</source>
        <translation>임계값 규칙:</translation>
    </message>
    <message>
        <source>predicted normal</source>
        <translation>정상으로 예측</translation>
    </message>
    <message>
        <source>predicted anomalous</source>
        <translation>이상으로 예측</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>anomalous</source>
        <translation>이상</translation>
    </message>
    <message>
        <source>noise sigma</source>
        <translation>노이즈 시그마</translation>
    </message>
    <message>
        <source>AUROC</source>
        <translation>AUROC</translation>
    </message>
    <message>
        <source>image AUROC</source>
        <translation>이미지 AUROC</translation>
    </message>
    <message>
        <source>pixel AUROC</source>
        <translation>픽셀 AUROC</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>수동</translation>
    </message>
    <message>
        <source>FPR &lt;= %1 on good images</source>
        <translation>양품 이미지에서 FPR &lt;= %1</translation>
    </message>
    <message>
        <source>Cannot apply the rule: %1</source>
        <translation>규칙을 적용할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>No results yet: train a model.</source>
        <translation>아직 결과가 없습니다. 모델을 학습하십시오.</translation>
    </message>
    <message>
        <source>image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>pixel</source>
        <translation>픽셀</translation>
    </message>
    <message>
        <source>image score</source>
        <translation>이미지 점수</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>임계값</translation>
    </message>
    <message>
        <source>&lt;b&gt;Image AUROC&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Pixel AUROC&lt;/b&gt; %2 &amp;nbsp; &lt;b&gt;AU-PRO&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;F1-max&lt;/b&gt; %4</source>
        <translation>&lt;b&gt;이미지 AUROC&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;픽셀 AUROC&lt;/b&gt; %2 &amp;nbsp; &lt;b&gt;AU-PRO&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;F1-max&lt;/b&gt; %4</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Pseudo-backgrounds&lt;/b&gt; (%1, seed %2): image AUROC %3, pixel AUROC %4</source>
        <translation>&lt;br&gt;&lt;b&gt;의사 배경&lt;/b&gt; (%1, 시드 %2): 이미지 AUROC %3, 픽셀 AUROC %4</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#a04000&apos;&gt;Backbone not pretrained (random weights).&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#a04000&apos;&gt;백본이 사전 학습되지 않음 (무작위 가중치).&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Active rule: %1, threshold %2</source>
        <translation>적용 규칙: %1, 임계값 %2</translation>
    </message>
    <message>
        <source>Noise sigma:</source>
        <translation>노이즈 시그마:</translation>
    </message>
    <message>
        <source>Sweep sigma</source>
        <translation>시그마 스윕</translation>
    </message>
    <message>
        <source>Refit the heads for 0.1x .. 2x the feature scale and plot the AUROCs</source>
        <translation>특징 스케일의 0.1배~2배에 대해 헤드를 재학습하고 AUROC를 그립니다</translation>
    </message>
    <message>
        <source>Analysis on the labelled test set, not model selection</source>
        <translation>레이블된 테스트 세트에 대한 분석이며 모델 선택이 아닙니다</translation>
    </message>
    <message>
        <source>Sweep done. Analysis on the labelled test set, not model selection</source>
        <translation>스윕 완료. 레이블된 테스트 세트에 대한 분석이며 모델 선택이 아닙니다</translation>
    </message>
    <message>
        <source>Sweep stopped. Analysis on the labelled test set, not model selection</source>
        <translation>스윕 중지됨. 레이블된 테스트 세트에 대한 분석이며 모델 선택이 아닙니다</translation>
    </message>
    <message>
        <source>Train a model first: the sweep refits its heads.</source>
        <translation>먼저 모델을 학습하십시오: 스윕은 그 헤드를 재학습합니다.</translation>
    </message>
    <message>
        <source>Stop sweep</source>
        <translation>스윕 중지</translation>
    </message>
    <message>
        <source>Sweeping (points appear as they finish). Analysis on the labelled test set, not model selection</source>
        <translation>스윕 중 (완료되는 대로 점이 표시됩니다). 레이블된 테스트 세트에 대한 분석이며 모델 선택이 아닙니다</translation>
    </message>
    <message>
        <source>Curves on screen: sigma %1 = %2x the feature scale (%3)</source>
        <translation>화면의 곡선: 시그마 %1 = 특징 스케일의 %2배 (%3)</translation>
    </message>
    <message>
        <source>No curves yet</source>
        <translation>아직 곡선 없음</translation>
    </message>
    <message>
        <source>auto (%1)</source>
        <translation>자동 (%1)</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>Updating to sigma %1...</source>
        <translation>시그마 %1(으)로 업데이트 중...</translation>
    </message>
    <message>
        <source>A retrain for other settings is running.</source>
        <translation>다른 설정에 대한 재학습이 실행 중입니다.</translation>
    </message>
    <message>
        <source>Train (or turn on retraining on sigma change) to update.</source>
        <translation>업데이트하려면 학습하십시오 (또는 시그마 변경 시 재학습을 켜십시오).</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#a00000&apos;&gt;&lt;b&gt;The discriminator did not learn&lt;/b&gt; at this sigma: the maps are noise.&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#a00000&apos;&gt;&lt;b&gt;판별기가 학습하지 못했습니다&lt;/b&gt; (이 시그마에서): 맵은 노이즈입니다.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Drag to move the threshold (the rule becomes manual)</source>
        <translation>끌어서 임계값 이동 (규칙이 수동으로 바뀜)</translation>
    </message>
    <message>
        <source>Threshold:</source>
        <translation>임계값:</translation>
    </message>
    <message>
        <source>target FPR:</source>
        <translation>목표 FPR:</translation>
    </message>
    <message>
        <source>%1 AUROC %2</source>
        <translation>%1 AUROC %2</translation>
    </message>
    <message>
        <source>image, pseudo</source>
        <translation>이미지, 의사</translation>
    </message>
    <message>
        <source>pixel, pseudo</source>
        <translation>픽셀, 의사</translation>
    </message>
    <message>
        <source>Active rule: none (no results)</source>
        <translation>활성 규칙: 없음 (결과 없음)</translation>
    </message>
    <message>
        <source>Refining sigma %1: these are the first curves, the final ones follow...</source>
        <translation>시그마 %1 추가 학습 중: 지금은 초기 곡선이며 최종 곡선이 뒤따릅니다...</translation>
    </message>
    <message>
        <source>Results are stale: the curves were computed with %1; the settings now say %2. %3</source>
        <translation>결과가 최신이 아닙니다: 곡선은 %1 설정으로 계산되었고, 현재 설정은 %2입니다. %3</translation>
    </message>
    <message>
        <source>n/a (no masks)</source>
        <translation>해당 없음 (마스크 없음)</translation>
    </message>
    <message>
        <source>%1 (%2 of %3 images)</source>
        <translation>%1 (이미지 %3개 중 %2개)</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>해당 없음</translation>
    </message>
    <message numerus="yes">
        <source>&lt;br&gt;%n defect image(s) without a mask: counted in the image metrics, not in the pixel metrics.</source>
        <translation>
            <numerusform>&lt;br&gt;마스크 없는 결함 이미지 %n개: 이미지 지표에는 포함되고 픽셀 지표에는 포함되지 않습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;br&gt;Final epoch, no test-set model selection; sigma %1: %2.</source>
        <translation>&lt;br&gt;마지막 에폭 사용, 테스트 세트로 모델 선택 안 함; 시그마 %1: %2.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;First curves&lt;/b&gt; after the short refit; &lt;b&gt;refining...&lt;/b&gt; the final curves follow.</source>
        <translation>&lt;br&gt;짧은 재학습 후의 &lt;b&gt;초기 곡선&lt;/b&gt;입니다. &lt;b&gt;추가 학습 중...&lt;/b&gt; 최종 곡선이 뒤따릅니다.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Final&lt;/b&gt; curves of this sigma.</source>
        <translation>&lt;br&gt;이 시그마의 &lt;b&gt;최종&lt;/b&gt; 곡선입니다.</translation>
    </message>
    <message>
        <source>Score histogram (images per bin)</source>
        <translation>점수 히스토그램 (구간별 이미지 수)</translation>
    </message>
    <message>
        <source>The kNN scorer has no noise sigma</source>
        <translation>kNN 채점기에는 노이즈 시그마가 없습니다</translation>
    </message>
    <message>
        <source>Curves on screen: %1 (no noise sigma)</source>
        <translation>화면의 곡선: %1 (노이즈 시그마 없음)</translation>
    </message>
    <message>
        <source>&lt;br&gt;Scorer: %1; nothing trained, no test-set model selection.</source>
        <translation>&lt;br&gt;채점기: %1; 학습 없음, 테스트 세트로 모델을 고르지 않음.</translation>
    </message>
</context>
<context>
    <name>s2s::ui::ExportModelDialog</name>
    <message>
        <source>Export model</source>
        <translation>모델 내보내기</translation>
    </message>
    <message>
        <source>TorchScript (model.pt for LibTorch / torch.jit.load)</source>
        <translation>TorchScript (LibTorch / torch.jit.load용 model.pt)</translation>
    </message>
    <message>
        <source>Triton model repository (pytorch_libtorch)</source>
        <translation>Triton 모델 저장소 (pytorch_libtorch)</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>찾아보기...</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>형식:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>폴더:</translation>
    </message>
    <message>
        <source>Maximum batch size (Triton):</source>
        <translation>최대 배치 크기 (Triton):</translation>
    </message>
    <message>
        <source>The model scores resized, cropped, normalised images (see preprocess.json). Foreground removal is not part of it.</source>
        <translation>모델은 크기 조정, 자르기, 정규화된 이미지를 평가합니다(preprocess.json 참조). 배경 제거는 포함되지 않습니다.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Folder for the exported model</source>
        <translation>내보낸 모델의 폴더</translation>
    </message>
</context>
<context>
    <name>s2s::ui::FamilyRobustnessView</name>
    <message>
        <source>Compare per background family</source>
        <translation>배경 계열별 비교</translation>
    </message>
    <message>
        <source>Trains SimpleNet on the original images and Sam2Sim on background-removed images with the current settings, then tests both on each pseudo-background family.</source>
        <translation>현재 설정으로 SimpleNet은 원본 이미지로, Sam2Sim은 배경을 제거한 이미지로 학습한 뒤 각 의사 배경 계열에서 둘 다 시험합니다.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Which environments break the model? Compare SimpleNet and Sam2Sim on each family.</source>
        <translation>어떤 환경에서 모델이 무너질까요? 계열마다 SimpleNet과 Sam2Sim을 비교하세요.</translation>
    </message>
    <message>
        <source>Comparing per family: %1</source>
        <translation>계열별 비교 중: %1</translation>
    </message>
    <message>
        <source>The per-family comparison failed: %1</source>
        <translation>계열별 비교 실패: %1</translation>
    </message>
    <message>
        <source>Per-family comparison cancelled.</source>
        <translation>계열별 비교가 취소되었습니다.</translation>
    </message>
    <message>
        <source>Comparing per family: starting...</source>
        <translation>계열별 비교 중: 시작...</translation>
    </message>
    <message>
        <source>Per-family comparison</source>
        <translation>계열별 비교</translation>
    </message>
    <message>
        <source>No per-family results.</source>
        <translation>계열별 결과가 없습니다.</translation>
    </message>
    <message>
        <source>%1
IoU %2</source>
        <translation>%1
IoU %2</translation>
    </message>
    <message>
        <source>Image AUROC</source>
        <translation>이미지 AUROC</translation>
    </message>
    <message>
        <source>SimpleNet dynamic</source>
        <translation>SimpleNet 동적</translation>
    </message>
    <message>
        <source>Sam2Sim</source>
        <translation>Sam2Sim</translation>
    </message>
    <message>
        <source>Static %1 · dynamic %2 · Sam2Sim %3 (image AUROC, all families cycled); weakest family for Sam2Sim: %4. Segmenter: %5.</source>
        <translation>정적 %1 · 동적 %2 · Sam2Sim %3 (이미지 AUROC, 모든 계열 순환), Sam2Sim의 가장 약한 계열: %4. 분할기: %5.</translation>
    </message>
</context>
<context>
    <name>s2s::ui::ForegroundPanel</name>
    <message>
        <source>Original</source>
        <translation>원본</translation>
    </message>
    <message>
        <source>Foreground mask</source>
        <translation>전경 마스크</translation>
    </message>
    <message>
        <source>Extracted object</source>
        <translation>추출된 물체</translation>
    </message>
    <message>
        <source>Select an image (dataset browser or heatmap viewer).</source>
        <translation>이미지를 선택하십시오 (데이터셋 브라우저 또는 히트맵 뷰어).</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>다시 계산</translation>
    </message>
    <message>
        <source>Segmenting %1...</source>
        <translation>%1 분할 중...</translation>
    </message>
    <message>
        <source>%1 · segmenter: %2, confidence %3</source>
        <translation>%1 · 분할기: %2, 신뢰도 %3</translation>
    </message>
</context>
<context>
    <name>s2s::ui::HeatmapViewer</name>
    <message>
        <source>All images</source>
        <translation>모든 이미지</translation>
    </message>
    <message>
        <source>Errors (FP + FN)</source>
        <translation>오류 (FP + FN)</translation>
    </message>
    <message>
        <source>False positives</source>
        <translation>위양성</translation>
    </message>
    <message>
        <source>False negatives</source>
        <translation>위음성</translation>
    </message>
    <message>
        <source>Anomalous (ground truth)</source>
        <translation>이상 (정답 기준)</translation>
    </message>
    <message>
        <source>Normal (ground truth)</source>
        <translation>정상 (정답 기준)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>Defect</source>
        <translation>결함</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>판정</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Ground truth</source>
        <translation>정답</translation>
    </message>
    <message>
        <source>Train a model to review its heatmaps.</source>
        <translation>히트맵을 검토하려면 모델을 학습하십시오.</translation>
    </message>
    <message>
        <source>anomalous</source>
        <translation>이상</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) &amp;nbsp; score &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; threshold %4 (%5) &amp;nbsp; verdict &lt;b&gt;%6&lt;/b&gt; &amp;nbsp; %7</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2) &amp;nbsp; 점수 &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; 임계값 %4 (%5) &amp;nbsp; 판정 &lt;b&gt;%6&lt;/b&gt; &amp;nbsp; %7</translation>
    </message>
    <message>
        <source>Heatmap opacity</source>
        <translation>히트맵 불투명도</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>맞춤</translation>
    </message>
    <message>
        <source>Fit the whole image into the view (F)</source>
        <translation>이미지 전체를 보기에 맞춤 (F)</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>One image pixel per screen pixel (1)</source>
        <translation>화면 픽셀당 이미지 픽셀 하나 (1)</translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation>불투명도:</translation>
    </message>
    <message>
        <source>Pseudo-backgrounds</source>
        <translation>의사 배경</translation>
    </message>
    <message>
        <source>Show the evaluation on pseudo-backgrounds: each image as the composite that was scored</source>
        <translation>의사 배경 평가 보기: 각 이미지를 점수가 매겨진 합성 이미지로 표시</translation>
    </message>
    <message>
        <source>No image matches the filter &quot;%1&quot;.</source>
        <translation>필터 &quot;%1&quot;에 맞는 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>No results: train a model or open a run (File &gt; Open run...).</source>
        <translation>결과 없음: 모델을 학습하거나 실행을 여세요 (파일 &gt; 실행 열기...).</translation>
    </message>
    <message>
        <source>&lt;br&gt;On pseudo-background &lt;b&gt;%1&lt;/b&gt; (seed %2): the composite that was scored</source>
        <translation>&lt;br&gt;의사 배경 &lt;b&gt;%1&lt;/b&gt; (시드 %2): 점수가 매겨진 합성 이미지</translation>
    </message>
    <message>
        <source>Not scored: outside the centre crop the model sees</source>
        <translation>점수 없음: 모델이 보는 중앙 크롭 바깥 영역</translation>
    </message>
</context>
<context>
    <name>s2s::ui::InspectImageView</name>
    <message>
        <source>Heatmap opacity</source>
        <translation>히트맵 불투명도</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>히트맵</translation>
    </message>
    <message>
        <source>Select an image of the lot to see where it deviates.</source>
        <translation>로트의 이미지를 선택하면 어디가 다른지 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>%1 — score %2, %3 at threshold %4, %5 ms</source>
        <translation>%1 — 점수 %2, 임계값 %4에서 %3, %5 ms</translation>
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
        <translation>(전경: %1)</translation>
    </message>
    <message>
        <source>(the image itself cannot be shown: %1)</source>
        <translation>(이미지 자체를 표시할 수 없음: %1)</translation>
    </message>
</context>
<context>
    <name>s2s::ui::InspectPanel</name>
    <message>
        <source>Cancelled: the rows inspected so far stand.</source>
        <translation>취소됨: 지금까지 검사한 행은 유지됩니다.</translation>
    </message>
    <message>
        <source>Run...</source>
        <translation>실행...</translation>
    </message>
    <message>
        <source>Inspect with another saved run folder</source>
        <translation>다른 저장된 실행 폴더로 검사</translation>
    </message>
    <message>
        <source>Inspect images...</source>
        <translation>이미지 검사...</translation>
    </message>
    <message>
        <source>Inspect folder...</source>
        <translation>폴더 검사...</translation>
    </message>
    <message>
        <source>Watch folder...</source>
        <translation>폴더 감시...</translation>
    </message>
    <message>
        <source>Inspect image files as they arrive in a folder (a camera writing into it)</source>
        <translation>폴더에 도착하는 이미지 파일을 검사 (카메라가 기록하는 폴더)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Save lot...</source>
        <translation>로트 저장...</translation>
    </message>
    <message>
        <source>Export lot report...</source>
        <translation>로트 보고서 내보내기...</translation>
    </message>
    <message>
        <source>NG when the score is at or above this value</source>
        <translation>점수가 이 값 이상이면 NG</translation>
    </message>
    <message>
        <source>Run&apos;s threshold</source>
        <translation>실행의 임계값</translation>
    </message>
    <message>
        <source>NG only</source>
        <translation>NG만</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>임계값</translation>
    </message>
    <message>
        <source>Open a saved run folder to inspect with</source>
        <translation>검사에 사용할 저장된 실행 폴더 열기</translation>
    </message>
    <message>
        <source>Images to inspect</source>
        <translation>검사할 이미지</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff);;All files (*)</source>
        <translation>이미지 (*.png *.jpg *.jpeg *.bmp *.tif *.tiff);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>A folder of images to inspect (a lot)</source>
        <translation>검사할 이미지 폴더 (로트)</translation>
    </message>
    <message>
        <source>A folder to watch: images are inspected as they arrive</source>
        <translation>감시할 폴더: 이미지가 도착하는 대로 검사됩니다</translation>
    </message>
    <message>
        <source>Run for the next lot: %1 (the lot on screen was inspected with run %2)</source>
        <translation>다음 로트의 실행: %1 (화면의 로트는 실행 %2로 검사됨)</translation>
    </message>
    <message>
        <source>No run yet: train a model, open a run (File &gt; Open run...) or pick a run folder.</source>
        <translation>아직 실행이 없습니다: 모델을 학습하거나, 실행을 열거나 (파일 &gt; 실행 열기...), 실행 폴더를 선택하세요.</translation>
    </message>
    <message>
        <source>Run: %1</source>
        <translation>실행: %1</translation>
    </message>
    <message>
        <source>rule: %1 (the run&apos;s)</source>
        <translation>규칙: %1 (실행의 것)</translation>
    </message>
    <message>
        <source>The threshold in the run&apos;s metrics.json; NG when the score is at or above it</source>
        <translation>실행의 metrics.json에 있는 임계값; 점수가 그 이상이면 NG</translation>
    </message>
    <message>
        <source>not a number (verdicts at %1)</source>
        <translation>숫자가 아님 (판정 기준 %1)</translation>
    </message>
    <message>
        <source>rule: value</source>
        <translation>규칙: 값</translation>
    </message>
    <message>
        <source>Set here; the run&apos;s threshold is %1 (%2)</source>
        <translation>여기서 설정됨; 실행의 임계값은 %1 (%2)</translation>
    </message>
    <message>
        <source>Select an image of the lot to see where it deviates.</source>
        <translation>로트의 이미지를 선택하면 어디가 다른지 볼 수 있습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Watch of %1 stopped: %n image(s) scored.</source>
        <translation>
            <numerusform>%1 감시 중지: 이미지 %n개 채점됨.</numerusform>
        </translation>
    </message>
    <message>
        <source>Lot stopped early: the rows inspected so far stand.</source>
        <translation>로트가 일찍 중지됨: 지금까지 검사한 행은 유지됩니다.</translation>
    </message>
    <message numerus="yes">
        <source>Lot inspected: %n image(s) scored.</source>
        <translation>
            <numerusform>로트 검사 완료: 이미지 %n개 채점됨.</numerusform>
        </translation>
    </message>
    <message>
        <source>No run to inspect with: train a model or open a run first.</source>
        <translation>검사할 실행이 없습니다: 먼저 모델을 학습하거나 실행을 여세요.</translation>
    </message>
    <message numerus="yes">
        <source>Inspecting %n image(s) with %1</source>
        <translation>
            <numerusform>%1(으)로 이미지 %n개 검사 중</numerusform>
        </translation>
    </message>
    <message>
        <source>Inspecting</source>
        <translation>검사 중</translation>
    </message>
    <message>
        <source>Stop watch</source>
        <translation>감시 중지</translation>
    </message>
    <message>
        <source>Watching %1: each image file is inspected once it is complete.</source>
        <translation>%1 감시 중: 각 이미지 파일은 완전히 기록되면 검사됩니다.</translation>
    </message>
    <message>
        <source>Watching</source>
        <translation>감시 중</translation>
    </message>
    <message>
        <source>cancelling...</source>
        <translation>취소 중...</translation>
    </message>
    <message>
        <source>Inspected %1   OK %2   NG %3   NG rate %4 %   %5 images/s   skipped %6</source>
        <translation>검사 %1   OK %2   NG %3   NG 비율 %4 %   %5 이미지/초   건너뜀 %6</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>건너뜀: %1</translation>
    </message>
    <message>
        <source>Stop the watch first: a lot is saved (and reported) whole.</source>
        <translation>먼저 감시를 중지하세요: 로트는 전체로 저장(및 보고)됩니다.</translation>
    </message>
    <message>
        <source>Wait for the job in flight to end (or cancel it) first.</source>
        <translation>진행 중인 작업이 끝날 때까지 기다리세요 (또는 취소하세요).</translation>
    </message>
    <message>
        <source>Nothing to write yet: inspect images or a folder first.</source>
        <translation>아직 쓸 것이 없습니다: 먼저 이미지나 폴더를 검사하세요.</translation>
    </message>
    <message>
        <source>Lot folder (empty, or an earlier lot to replace): verdicts.csv, lot.json, maps/</source>
        <translation>로트 폴더 (비어 있거나 교체할 이전 로트): verdicts.csv, lot.json, maps/</translation>
    </message>
    <message>
        <source>Export lot report</source>
        <translation>로트 보고서 내보내기</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving the lot</source>
        <translation>로트 저장 중</translation>
    </message>
    <message>
        <source>Lot saved to %1</source>
        <translation>로트를 %1에 저장함</translation>
    </message>
    <message>
        <source>Writing the lot report</source>
        <translation>로트 보고서 작성 중</translation>
    </message>
    <message>
        <source>Lot report written to %1</source>
        <translation>로트 보고서를 %1에 작성함</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>검사</translation>
    </message>
</context>
<context>
    <name>s2s::ui::JobRunner</name>
    <message>
        <source>not enough memory for this job. Close other programs or use fewer or smaller images, then try again; the results on screen are kept.</source>
        <translation>이 작업에 필요한 메모리가 부족합니다. 다른 프로그램을 닫거나 더 적거나 작은 이미지를 사용한 뒤 다시 시도하십시오. 화면의 결과는 유지됩니다.</translation>
    </message>
</context>
<context>
    <name>s2s::ui::LotTable</name>
    <message>
        <source>Image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>판정</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>비고</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>건너뜀</translation>
    </message>
    <message>
        <source>foreground: %1</source>
        <translation>전경: %1</translation>
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
        <translation>검사</translation>
    </message>
    <message>
        <source>Save &amp;lot...</source>
        <translation>로트 저장(&amp;L)...</translation>
    </message>
    <message>
        <source>Export lot re&amp;port (PDF)...</source>
        <translation>로트 보고서 내보내기(&amp;P) (PDF)...</translation>
    </message>
    <message>
        <source>Sam2Sim Studio</source>
        <translation>Sam2Sim Studio</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Heatmaps</source>
        <translation>히트맵</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>평가</translation>
    </message>
    <message>
        <source>Foreground</source>
        <translation>전경</translation>
    </message>
    <message>
        <source>Pseudo-backgrounds</source>
        <translation>의사 배경</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 열림</translation>
    </message>
    <message>
        <source>Train a model first: pseudo-backgrounds test a trained model.</source>
        <translation>먼저 모델을 학습하십시오. 의사 배경은 학습된 모델을 테스트합니다.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open dataset...</source>
        <translation>데이터셋 열기(&amp;O)...</translation>
    </message>
    <message>
        <source>Open an MVTec-style dataset or category folder</source>
        <translation>MVTec 형식의 데이터셋 또는 카테고리 폴더 열기</translation>
    </message>
    <message>
        <source>Recent datasets</source>
        <translation>최근 데이터셋</translation>
    </message>
    <message>
        <source>&amp;Generate demo dataset...</source>
        <translation>데모 데이터셋 생성(&amp;G)...</translation>
    </message>
    <message>
        <source>Folder for the demo dataset</source>
        <translation>데모 데이터셋 폴더</translation>
    </message>
    <message>
        <source>&amp;Save run...</source>
        <translation>실행 저장(&amp;S)...</translation>
    </message>
    <message>
        <source>Export &amp;report (PDF)...</source>
        <translation>보고서 내보내기(PDF)(&amp;R)...</translation>
    </message>
    <message>
        <source>Export results (&amp;CSV)...</source>
        <translation>결과 내보내기(CSV)(&amp;C)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Next image</source>
        <translation>다음 이미지</translation>
    </message>
    <message>
        <source>Previous image</source>
        <translation>이전 이미지</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <source>Language (applied on restart)</source>
        <translation>언어 (다시 시작하면 적용)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <source>The language changes the next time the studio starts.</source>
        <translation>언어는 스튜디오를 다음에 시작할 때 바뀝니다.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Sam2Sim Studio</source>
        <translation>Sam2Sim Studio 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About Sam2Sim Studio</source>
        <translation>Sam2Sim Studio 정보</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sam2Sim Studio %1&lt;/b&gt;&lt;p&gt;Unsupervised visual inspection: SimpleNet anomaly detection with foreground extraction and pseudo-background robustness tests.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Sam2Sim Studio %1&lt;/b&gt;&lt;p&gt;비지도 시각 검사: 전경 추출과 의사 배경 강건성 테스트를 갖춘 SimpleNet 이상 탐지.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Scanning %1...</source>
        <translation>%1 스캔 중...</translation>
    </message>
    <message>
        <source>Generating the demo dataset in %1...</source>
        <translation>%1에 데모 데이터셋 생성 중...</translation>
    </message>
    <message>
        <source>Category %1 (%2)</source>
        <translation>카테고리 %1 (%2)</translation>
    </message>
    <message>
        <source>object</source>
        <translation>물체</translation>
    </message>
    <message>
        <source>texture</source>
        <translation>텍스처</translation>
    </message>
    <message>
        <source>Open a dataset and select a category first.</source>
        <translation>먼저 데이터셋을 열고 카테고리를 선택하십시오.</translation>
    </message>
    <message>
        <source>Nothing to save yet: train a model first.</source>
        <translation>아직 저장할 것이 없습니다. 먼저 모델을 학습하십시오.</translation>
    </message>
    <message>
        <source>Folder for the run</source>
        <translation>실행 폴더</translation>
    </message>
    <message>
        <source>Nothing to export yet: train a model first.</source>
        <translation>아직 내보낼 것이 없습니다. 먼저 모델을 학습하십시오.</translation>
    </message>
    <message>
        <source>Export per-image results</source>
        <translation>이미지별 결과 내보내기</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 내보냄</translation>
    </message>
    <message>
        <source>Nothing to report yet: train a model first.</source>
        <translation>아직 보고할 것이 없습니다. 먼저 모델을 학습하십시오.</translation>
    </message>
    <message>
        <source>Export inspection report</source>
        <translation>검사 보고서 내보내기</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>&amp;Weights...</source>
        <translation>가중치(&amp;W)...</translation>
    </message>
    <message>
        <source>Export &amp;model...</source>
        <translation>모델 내보내기(&amp;M)...</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder for the run: %1</source>
        <translation>실행을 위한 임시 폴더를 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Model exported to %1</source>
        <translation>모델을 %1(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Exporting model</source>
        <translation>모델 내보내는 중</translation>
    </message>
    <message>
        <source>no category folder with train/good images was found</source>
        <translation>train/good 이미지가 있는 범주 폴더를 찾지 못했습니다</translation>
    </message>
    <message>
        <source>%1 is not a dataset: %2. Open an MVTec-style dataset (CATEGORY/train/good, CATEGORY/test/...) or one category folder.</source>
        <translation>%1은(는) 데이터셋이 아닙니다: %2. MVTec 형식 데이터셋 (범주/train/good, 범주/test/...) 또는 범주 폴더 하나를 여세요.</translation>
    </message>
    <message>
        <source>Not a dataset: %1</source>
        <translation>데이터셋 아님: %1</translation>
    </message>
    <message>
        <source>Not a dataset: %1 (still open: %2)</source>
        <translation>데이터셋 아님: %1 (계속 열려 있음: %2)</translation>
    </message>
    <message>
        <source>cancelling...</source>
        <translation>취소 중...</translation>
    </message>
    <message>
        <source>Opened run %1</source>
        <translation>실행 %1을(를) 열었습니다</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>보고서를 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>Run saved to %1</source>
        <translation>실행을 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>Open &amp;run...</source>
        <translation>실행 열기(&amp;R)...</translation>
    </message>
    <message>
        <source>Open a saved run folder (config.json, heads.safetensors, ...)</source>
        <translation>저장된 실행 폴더 열기 (config.json, heads.safetensors, ...)</translation>
    </message>
    <message>
        <source>%1: the run&apos;s dataset %2 is not there</source>
        <translation>%1: 실행의 데이터셋 %2이(가) 없습니다</translation>
    </message>
    <message>
        <source>%1: category %2 is not in %3</source>
        <translation>%1: 범주 %2이(가) %3에 없습니다</translation>
    </message>
    <message>
        <source>A job is running (%1). Quitting cancels it and its results are lost.</source>
        <translation>작업이 실행 중입니다 (%1). 종료하면 작업이 취소되고 결과가 사라집니다.</translation>
    </message>
    <message>
        <source>Cancel job and quit</source>
        <translation>작업 취소 후 종료</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>계속 작업</translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation>%1 열기</translation>
    </message>
    <message>
        <source>A job is running (%1). %2 cancels it and its results are lost.</source>
        <translation>작업이 실행 중입니다 (%1). %2 시 작업이 취소되고 결과가 사라집니다.</translation>
    </message>
    <message>
        <source>Cancel job and switch</source>
        <translation>작업 취소 후 전환</translation>
    </message>
    <message>
        <source>Switching to %1</source>
        <translation>%1(으)로 전환</translation>
    </message>
    <message>
        <source>%1 is a texture: it has no background, so it is never segmented or composited (no foreground extraction, no pseudo-backgrounds).</source>
        <translation>%1은(는) 텍스처입니다: 배경이 없으므로 분할하거나 합성하지 않습니다 (전경 추출 없음, 의사 배경 없음).</translation>
    </message>
    <message>
        <source>%1 keeps its background (it carries information): it is never removed.</source>
        <translation>%1은(는) 배경을 유지합니다 (배경에 정보가 있음): 배경을 제거하지 않습니다.</translation>
    </message>
    <message>
        <source>A folder is being watched (inspected so far: %1). Quitting stops the watch; the rows on screen are lost unless saved.</source>
        <translation>폴더를 감시 중입니다 (지금까지 검사: %1). 종료하면 감시가 중지되며, 저장하지 않은 화면의 행은 사라집니다.</translation>
    </message>
    <message>
        <source>A lot is being inspected (inspected so far: %1). Quitting stops it and its rows are lost.</source>
        <translation>로트를 검사 중입니다 (지금까지 검사: %1). 종료하면 검사가 중지되고 해당 행은 사라집니다.</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>중지 후 종료</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>해당 없음</translation>
    </message>
    <message>
        <source>&lt;b&gt;With pseudo-backgrounds:&lt;/b&gt; image AUROC %1, pixel AUROC %2 (plain test set: %3 / %4). &lt;a href=&quot;#evaluation&quot;&gt;Details on the Evaluation tab&lt;/a&gt;</source>
        <translation>&lt;b&gt;의사 배경 적용:&lt;/b&gt; 이미지 AUROC %1, 픽셀 AUROC %2 (원래 테스트 세트: %3 / %4). &lt;a href=&quot;#evaluation&quot;&gt;평가 탭에서 자세히 보기&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Reopening the run of %1 (%2): scanning its dataset %3...</source>
        <translation>%1의 실행을 다시 여는 중 (%2): 데이터셋 %3 스캔 중...</translation>
    </message>
    <message>
        <source>Reopening the run of %1 (%2)...</source>
        <translation>%1의 실행을 다시 여는 중 (%2)...</translation>
    </message>
</context>
<context>
    <name>s2s::ui::ProgressText</name>
    <message>
        <source>features of the training images</source>
        <translation>학습 이미지 특징</translation>
    </message>
    <message>
        <source>features of the test images</source>
        <translation>테스트 이미지 특징</translation>
    </message>
    <message>
        <source>features of the composites</source>
        <translation>합성 이미지 특징</translation>
    </message>
    <message>
        <source>removing backgrounds</source>
        <translation>배경 제거</translation>
    </message>
    <message>
        <source>compositing pseudo-backgrounds</source>
        <translation>의사 배경 합성</translation>
    </message>
    <message>
        <source>learning the object&apos;s look</source>
        <translation>물체 외형 학습</translation>
    </message>
    <message>
        <source>scoring</source>
        <translation>점수 계산</translation>
    </message>
    <message>
        <source>pixel metrics</source>
        <translation>픽셀 지표</translation>
    </message>
    <message>
        <source>training SimpleNet</source>
        <translation>SimpleNet 학습</translation>
    </message>
    <message>
        <source>training Sam2Sim</source>
        <translation>Sam2Sim 학습</translation>
    </message>
    <message>
        <source>comparison part</source>
        <translation>비교 부분</translation>
    </message>
    <message>
        <source>sigma sweep</source>
        <translation>시그마 스윕</translation>
    </message>
    <message>
        <source>export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>inspecting</source>
        <translation>검사</translation>
    </message>
    <message>
        <source>watching</source>
        <translation>감시</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>다운로드</translation>
    </message>
    <message>
        <source>report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>about %1 s</source>
        <translation>약 %1초</translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation>약 %1분</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 남음</translation>
    </message>
    <message>
        <source>overall %1 left</source>
        <translation>전체 %1 남음</translation>
    </message>
</context>
<context>
    <name>s2s::ui::Report</name>
    <message>
        <source>Image not found: %1</source>
        <translation>이미지를 찾을 수 없음: %1</translation>
    </message>
    <message>
        <source>False-positive rate</source>
        <translation>위양성률</translation>
    </message>
    <message>
        <source>True-positive rate</source>
        <translation>진양성률</translation>
    </message>
    <message>
        <source>AUROC %1</source>
        <translation>AUROC %1</translation>
    </message>
    <message>
        <source>threshold (FPR %1, TPR %2)</source>
        <translation>임계값 (FPR %1, TPR %2)</translation>
    </message>
    <message>
        <source>Image scores: normal vs anomalous</source>
        <translation>이미지 점수: 정상 대 이상</translation>
    </message>
    <message>
        <source>threshold %1</source>
        <translation>임계값 %1</translation>
    </message>
    <message>
        <source>Image score (higher = more anomalous)</source>
        <translation>이미지 점수 (높을수록 이상)</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>normal (%1)</source>
        <translation>정상 (%1)</translation>
    </message>
    <message>
        <source>anomalous (%1)</source>
        <translation>이상 (%1)</translation>
    </message>
    <message>
        <source>FALSE POSITIVE</source>
        <translation>위양성</translation>
    </message>
    <message>
        <source>FALSE NEGATIVE</source>
        <translation>위음성</translation>
    </message>
    <message>
        <source>#%1   score %2</source>
        <translation>#%1   점수 %2</translation>
    </message>
    <message>
        <source>truth</source>
        <translation>실제</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>판정</translation>
    </message>
    <message>
        <source>anomalous</source>
        <translation>이상</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>map</source>
        <translation>맵</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>표시됨</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>히트맵</translation>
    </message>
    <message>
        <source>ground truth</source>
        <translation>정답 영역</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>갤러리</translation>
    </message>
    <message>
        <source>Test images by score, highest first. Left: the original with the model&apos;s crop (dashed). Right: the crop with the anomaly heatmap and the ground-truth outline; heatmaps are shown in the crop frame in which they were computed (shorter side resized to %1 px, centred %2 px square).</source>
        <translation>테스트 이미지를 점수가 높은 순서로 보여 줍니다. 왼쪽: 모델의 잘라낸 영역(점선)이 표시된 원본. 오른쪽: 이상 히트맵과 정답 윤곽선이 있는 잘라낸 영역. 히트맵은 계산된 잘라낸 좌표계 그대로 표시됩니다(짧은 변을 %1 px로 조정, 가운데 %2 px 정사각형).</translation>
    </message>
    <message>
        <source>Only the %1 highest of %2 images are shown.</source>
        <translation>%2개 이미지 중 점수가 가장 높은 %1개만 표시합니다.</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>해당 없음</translation>
    </message>
    <message>
        <source>not pretrained (random initialisation): scores are not meaningful for production use</source>
        <translation>사전 학습되지 않음(무작위 초기화): 점수는 실제 운용에 의미가 없습니다</translation>
    </message>
    <message>
        <source>%1 (file not found, no hash recorded)</source>
        <translation>%1 (파일 없음, 해시 기록 없음)</translation>
    </message>
    <message>
        <source>%1, SHA-256 %2</source>
        <translation>%1, SHA-256 %2</translation>
    </message>
    <message>
        <source>off (images used as they are)</source>
        <translation>꺼짐 (이미지를 그대로 사용)</translation>
    </message>
    <message>
        <source>%1, background filled with %2</source>
        <translation>%1, 배경을 %2(으)로 채움</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>Actual normal</source>
        <translation>실제 정상</translation>
    </message>
    <message>
        <source>Actual anomalous</source>
        <translation>실제 이상</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>정밀도</translation>
    </message>
    <message>
        <source>Recall (TPR)</source>
        <translation>재현율 (TPR)</translation>
    </message>
    <message>
        <source>%1 %2 s</source>
        <translation>%1 %2초</translation>
    </message>
    <message>
        <source>Timings: %1.</source>
        <translation>소요 시간: %1.</translation>
    </message>
    <message>
        <source>Inspection report</source>
        <translation>검사 보고서</translation>
    </message>
    <message>
        <source>Category %1 (%2)</source>
        <translation>카테고리 %1 (%2)</translation>
    </message>
    <message>
        <source>At threshold %1 (rule %2), %3 of %4 test images are classified correctly (false positives: %5, false negatives: %6).</source>
        <translation>임계값 %1(규칙 %2)에서 테스트 이미지 %4개 중 %3개가 올바르게 분류됩니다(위양성: %5, 위음성: %6).</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>카테고리</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>실행 폴더</translation>
    </message>
    <message>
        <source>Run created</source>
        <translation>실행 생성 시각</translation>
    </message>
    <message>
        <source>unknown version</source>
        <translation>알 수 없는 버전</translation>
    </message>
    <message>
        <source>Report date</source>
        <translation>보고서 날짜</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>애플리케이션</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>백본</translation>
    </message>
    <message>
        <source>Backbone weights</source>
        <translation>백본 가중치</translation>
    </message>
    <message>
        <source>Foreground segmenter</source>
        <translation>전경 분할기</translation>
    </message>
    <message>
        <source>Noise sigma</source>
        <translation>노이즈 시그마</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에폭</translation>
    </message>
    <message>
        <source>%1 (%2 meta-epochs x %3 discriminator epochs)</source>
        <translation>%1 (메타 에폭 %2 x 판별기 에폭 %3)</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>shorter side resized to %1 px, centre crop %2 x %2 px</source>
        <translation>짧은 변을 %1 px로 조정, 가운데 %2 x %2 px 잘라냄</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>임계값</translation>
    </message>
    <message>
        <source>Threshold rule</source>
        <translation>임계값 규칙</translation>
    </message>
    <message>
        <source>%1 - %2</source>
        <translation>%1 - %2</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>지표</translation>
    </message>
    <message>
        <source>Image AUROC (I-AUROC)</source>
        <translation>이미지 AUROC (I-AUROC)</translation>
    </message>
    <message>
        <source>ranking of anomalous above normal images</source>
        <translation>이상 이미지가 정상 이미지보다 높게 순위화되는 정도</translation>
    </message>
    <message>
        <source>Pixel AUROC (P-AUROC)</source>
        <translation>픽셀 AUROC (P-AUROC)</translation>
    </message>
    <message>
        <source>per-pixel ranking against ground-truth masks</source>
        <translation>정답 마스크 기준 픽셀 단위 순위</translation>
    </message>
    <message>
        <source>AU-PRO (FPR &lt;= 0.3)</source>
        <translation>AU-PRO (FPR &lt;= 0.3)</translation>
    </message>
    <message>
        <source>per-region overlap, normalised area</source>
        <translation>영역별 겹침, 정규화된 면적</translation>
    </message>
    <message>
        <source>F1-max</source>
        <translation>F1-max</translation>
    </message>
    <message>
        <source>best F1 over thresholds (at %1)</source>
        <translation>모든 임계값 중 최고 F1 (%1에서)</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>지표</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>의미</translation>
    </message>
    <message>
        <source>Confusion matrix at the threshold</source>
        <translation>임계값에서의 혼동 행렬</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>곡선</translation>
    </message>
    <message>
        <source>Image-level ROC</source>
        <translation>이미지 수준 ROC</translation>
    </message>
    <message>
        <source>Needs normal and anomalous test images.</source>
        <translation>정상 및 이상 테스트 이미지가 모두 필요합니다.</translation>
    </message>
    <message>
        <source>Pixel-level ROC</source>
        <translation>픽셀 수준 ROC</translation>
    </message>
    <message>
        <source>This run has no pixel ROC (no anomaly maps or no ground-truth masks).</source>
        <translation>이 실행에는 픽셀 ROC가 없습니다(이상 맵 또는 정답 마스크 없음).</translation>
    </message>
    <message>
        <source>Pseudo-background robustness</source>
        <translation>의사 배경 강건성</translation>
    </message>
    <message>
        <source>The foreground of each test image is composited onto backgrounds the model never saw and the test set is scored again. &quot;static&quot; is the original test set; a drop in AUROC means the model reacts to the background, not to the object.</source>
        <translation>각 테스트 이미지의 전경을 모델이 본 적 없는 배경에 합성한 뒤 테스트 세트를 다시 채점합니다. &quot;static&quot;은 원래 테스트 세트이며, AUROC가 떨어지면 모델이 물체가 아니라 배경에 반응한다는 뜻입니다.</translation>
    </message>
    <message>
        <source>static (original backgrounds)</source>
        <translation>static (원래 배경)</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>배경</translation>
    </message>
    <message>
        <source>I-AUROC</source>
        <translation>I-AUROC</translation>
    </message>
    <message>
        <source>vs static</source>
        <translation>static 대비</translation>
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
        <translation>임계값 FPR</translation>
    </message>
    <message>
        <source>Image AUROC per background</source>
        <translation>배경별 이미지 AUROC</translation>
    </message>
    <message>
        <source>static %1</source>
        <translation>static %1</translation>
    </message>
    <message>
        <source>Sam2Sim Studio inspection report - %1</source>
        <translation>Sam2Sim Studio 검사 보고서 - %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>%2쪽 중 %1쪽</translation>
    </message>
    <message>
        <source>Inspection report: %1</source>
        <translation>검사 보고서: %1</translation>
    </message>
    <message>
        <source>maximises F1 over the test images (F1 = %1, precision %2, recall %3).</source>
        <translation>테스트 이미지에서 F1을 최대화합니다(F1 = %1, 정밀도 %2, 재현율 %3).</translation>
    </message>
    <message>
        <source>lowest threshold whose false-positive rate on the %1 normal test images is at most %2 %.</source>
        <translation>정상 테스트 이미지 %1개에서 위양성률이 %2 % 이하가 되는 가장 낮은 임계값.</translation>
    </message>
    <message>
        <source>fixed by the user.</source>
        <translation>사용자가 지정함.</translation>
    </message>
    <message>
        <source>the threshold that maximises F1 over the test images.</source>
        <translation>테스트 이미지에서 F1을 최대화하는 임계값.</translation>
    </message>
    <message>
        <source>the lowest threshold with a false-positive rate of at most %1 % on the normal test images.</source>
        <translation>정상 테스트 이미지에서 위양성률이 %1 % 이하인 가장 낮은 임계값.</translation>
    </message>
    <message>
        <source>a fixed value.</source>
        <translation>고정 값.</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;.</source>
        <translation>규칙 &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>stored with the run: %1</source>
        <translation>실행과 함께 저장됨: %1</translation>
    </message>
    <message>
        <source>median to maximum map value</source>
        <translation>맵 값의 중앙값부터 최댓값까지</translation>
    </message>
    <message>
        <source>%1 (file time)</source>
        <translation>%1 (파일 시각)</translation>
    </message>
    <message>
        <source>%1, Sam2Sim Studio %2</source>
        <translation>%1, Sam2Sim Studio %2</translation>
    </message>
    <message>
        <source>Model selection</source>
        <translation>모델 선택</translation>
    </message>
    <message>
        <source>Skipped inputs</source>
        <translation>건너뛴 입력</translation>
    </message>
    <message>
        <source>%1 files left out when the dataset was read (listed in metrics.json), first %2</source>
        <translation>읽을 때 제외된 파일 %1개 (metrics.json에 기록됨), 첫 번째 %2</translation>
    </message>
    <message>
        <source>setting %1 (not recorded by this run)</source>
        <translation>설정 %1 (이 실행에 기록되지 않음)</translation>
    </message>
    <message>
        <source>%1 absolute (setting: %2)</source>
        <translation>%1 절대값 (설정: %2)</translation>
    </message>
    <message>
        <source>%1 absolute = %2 x the feature scale %3 (setting: %4)</source>
        <translation>%1 절대값 = 특징 스케일 %3의 %2배 (설정: %4)</translation>
    </message>
    <message>
        <source>not recorded by this run</source>
        <translation>이 실행에 기록되지 않음</translation>
    </message>
    <message>
        <source>NOT LEARNING - the noise sigma does not suit these features, the maps are noise (%1)</source>
        <translation>학습 안 됨 - 노이즈 시그마가 이 특징에 맞지 않아 맵은 노이즈입니다 (%1)</translation>
    </message>
    <message>
        <source>Discriminator</source>
        <translation>판별기</translation>
    </message>
    <message>
        <source>Robustness per background family</source>
        <translation>배경 계열별 견고성</translation>
    </message>
    <message>
        <source>Each family of pseudo-backgrounds on the whole test set. SimpleNet dynamic: the model trained on the original images; Sam2Sim: trained and tested with the background removed (segmenter: %1). Mask IoU: the composite&apos;s extracted mask against the clean image&apos;s; a family where it drops is one the extractor does not survive.</source>
        <translation>전체 테스트 세트에 대한 의사 배경 계열별 결과입니다. SimpleNet 동적: 원본 이미지로 학습한 모델, Sam2Sim: 배경을 제거하고 학습 및 시험 (분할기: %1). 마스크 IoU: 합성 이미지에서 추출한 마스크와 깨끗한 이미지의 마스크 비교, 이 값이 떨어지는 계열은 추출기가 견디지 못하는 계열입니다.</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>계열</translation>
    </message>
    <message>
        <source>Dyn. I-AUROC</source>
        <translation>동적 I-AUROC</translation>
    </message>
    <message>
        <source>Sam2Sim I-AUROC</source>
        <translation>Sam2Sim I-AUROC</translation>
    </message>
    <message>
        <source>Dyn. P-AUROC</source>
        <translation>동적 P-AUROC</translation>
    </message>
    <message>
        <source>Sam2Sim P-AUROC</source>
        <translation>Sam2Sim P-AUROC</translation>
    </message>
    <message>
        <source>Mask IoU</source>
        <translation>마스크 IoU</translation>
    </message>
    <message>
        <source>Image AUROC per background family</source>
        <translation>배경 계열별 이미지 AUROC</translation>
    </message>
    <message>
        <source>SimpleNet dynamic</source>
        <translation>SimpleNet 동적</translation>
    </message>
    <message>
        <source>Sam2Sim</source>
        <translation>Sam2Sim</translation>
    </message>
    <message>
        <source> - OUTSIDE THE WORKING RANGE %1x-%2x</source>
        <translation> - 작동 범위 %1x-%2x 밖</translation>
    </message>
    <message>
        <source>off for this category (%1: its background is never removed)</source>
        <translation>이 카테고리에서는 꺼짐 (%1: 배경을 제거하지 않음)</translation>
    </message>
    <message>
        <source>Image not readable</source>
        <translation>이미지를 읽을 수 없음</translation>
    </message>
    <message>
        <source>time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>마스크</translation>
    </message>
    <message>
        <source>sha256</source>
        <translation>sha256</translation>
    </message>
    <message>
        <source>image AUROC n/a</source>
        <translation>이미지 AUROC 해당 없음</translation>
    </message>
    <message>
        <source>image AUROC %1</source>
        <translation>이미지 AUROC %1</translation>
    </message>
    <message>
        <source>%1 of %2 test images right at its threshold (%3 %; false positives %4, false negatives %5)</source>
        <translation>실행의 임계값에서 테스트 이미지 %2개 중 %1개 올바르게 분류 (%3 %; 위양성 %4, 위음성 %5)</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>기록되지 않음</translation>
    </message>
    <message>
        <source>Lot report: %1</source>
        <translation>로트 보고서: %1</translation>
    </message>
    <message>
        <source>Lot report</source>
        <translation>로트 보고서</translation>
    </message>
    <message>
        <source>Lot %1, category %2</source>
        <translation>로트 %1, 카테고리 %2</translation>
    </message>
    <message>
        <source>%1 images inspected: %2 OK, %3 NG (NG rate %4 %) at threshold %5 (rule %6); %7 files skipped.</source>
        <translation>임계값 %5(규칙 %6)에서 이미지 %1개 검사: OK %2개, NG %3개 (NG 비율 %4 %); 파일 %7개 건너뜀.</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>로트</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>모드</translation>
    </message>
    <message>
        <source>watched folder %1</source>
        <translation>감시 폴더 %1</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>일괄 처리</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>종료 시각</translation>
    </message>
    <message>
        <source>(interrupted)</source>
        <translation>(중단됨)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Run accuracy on its test set</source>
        <translation>실행의 테스트 세트 정확도</translation>
    </message>
    <message>
        <source>%1, weights sha256 %2</source>
        <translation>%1, 가중치 sha256 %2</translation>
    </message>
    <message>
        <source>none (not pretrained)</source>
        <translation>없음 (사전 학습되지 않음)</translation>
    </message>
    <message>
        <source>Heads sha256</source>
        <translation>헤드 sha256</translation>
    </message>
    <message>
        <source>Foreground extraction</source>
        <translation>전경 추출</translation>
    </message>
    <message>
        <source>%1, model %2</source>
        <translation>%1, 모델 %2</translation>
    </message>
    <message>
        <source>off (backgrounds kept)</source>
        <translation>꺼짐 (배경 유지)</translation>
    </message>
    <message>
        <source>%1 - rule %2; NG when score &gt;= threshold</source>
        <translation>%1 - 규칙 %2; 점수 &gt;= 임계값이면 NG</translation>
    </message>
    <message>
        <source>%1 (OK %2, NG %3)</source>
        <translation>%1 (OK %2, NG %3)</translation>
    </message>
    <message>
        <source>NG rate</source>
        <translation>NG 비율</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>처리량</translation>
    </message>
    <message>
        <source>%1 images/s (inspection alone, %2 s)</source>
        <translation>%1 이미지/초 (검사만, %2초)</translation>
    </message>
    <message>
        <source>NG images</source>
        <translation>NG 이미지</translation>
    </message>
    <message>
        <source>By score, highest first. Left: the image with the model&apos;s crop (dashed). Right: the crop with the anomaly heatmap and, when the run removes backgrounds, the foreground outline its extractor found.</source>
        <translation>점수가 높은 순서로 보여 줍니다. 왼쪽: 모델의 잘라낸 영역(점선)이 표시된 이미지. 오른쪽: 이상 히트맵이 있는 잘라낸 영역과, 실행이 배경을 제거하는 경우 추출기가 찾은 전경 윤곽선.</translation>
    </message>
    <message>
        <source>The %1 highest of %2 NG images are shown.</source>
        <translation>NG 이미지 %2개 중 점수가 가장 높은 %1개를 표시합니다.</translation>
    </message>
    <message>
        <source>No image of this lot is NG.</source>
        <translation>이 로트에는 NG 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>A sample of OK images</source>
        <translation>OK 이미지 샘플</translation>
    </message>
    <message>
        <source>No image of this lot is OK.</source>
        <translation>이 로트에는 OK 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>%1 of the %2 OK images, drawn at random.</source>
        <translation>OK 이미지 %2개 중 무작위로 뽑은 %1개입니다.</translation>
    </message>
    <message>
        <source>Skipped files</source>
        <translation>건너뛴 파일</translation>
    </message>
    <message>
        <source>None: every input was inspected.</source>
        <translation>없음: 모든 입력을 검사했습니다.</translation>
    </message>
    <message>
        <source>... and %1 more (lot.json lists them all).</source>
        <translation>... 외 %1개 (전체 목록은 lot.json에 있음).</translation>
    </message>
    <message>
        <source>Sam2Sim Studio lot report - %1</source>
        <translation>Sam2Sim Studio 로트 보고서 - %1</translation>
    </message>
    <message>
        <source>%4; last epoch: loss %1, p_true %2, p_fake %3</source>
        <translation>%4; 마지막 에폭: 손실 %1, p_true %2, p_fake %3</translation>
    </message>
    <message numerus="yes">
        <source>n/a - no masks: %n defect image(s) have image-level labels only</source>
        <translation>
            <numerusform>해당 없음 - 마스크 없음: 결함 이미지 %n개에는 이미지 수준 레이블만 있음</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>per-pixel ranking against ground-truth masks, over %1 images (%n defect image(s) without a mask left out)</source>
        <translation>
            <numerusform>정답 마스크 기준 픽셀 단위 순위, 이미지 %1개 대상 (마스크 없는 결함 이미지 %n개 제외)</numerusform>
        </translation>
    </message>
    <message>
        <source>This run holds no pseudo-background evaluation. %1</source>
        <translation>이 실행에는 의사 배경 평가가 없습니다. %1</translation>
    </message>
    <message>
        <source>Run &apos;sam2sim eval --run RUN --background pseudo&apos; to test how the model reacts to new backgrounds.</source>
        <translation>모델이 새 배경에 어떻게 반응하는지 테스트하려면 &apos;sam2sim eval --run RUN --background pseudo&apos;를 실행하십시오.</translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation>%1단계</translation>
    </message>
    <message>
        <source>%1 steps from scratch at sigma %2</source>
        <translation>시그마 %2에서 처음부터 %1단계</translation>
    </message>
    <message>
        <source>refitted %1 steps at sigma %2</source>
        <translation>시그마 %2에서 %1단계 재학습</translation>
    </message>
    <message>
        <source>refined %1 more</source>
        <translation>%1단계 추가 학습</translation>
    </message>
    <message>
        <source> (%1 steps in all)</source>
        <translation> (총 %1단계)</translation>
    </message>
    <message>
        <source>nearest training patch (kNN), objects turned to one pose, no noise sigma</source>
        <translation>가장 가까운 학습 패치 (kNN), 물체를 한 자세로 회전, 노이즈 시그마 없음</translation>
    </message>
    <message>
        <source>nearest training patch (kNN), no noise sigma</source>
        <translation>가장 가까운 학습 패치 (kNN), 노이즈 시그마 없음</translation>
    </message>
    <message>
        <source> - chosen from the training images %1</source>
        <translation> - 학습 이미지로 선택됨 %1</translation>
    </message>
    <message>
        <source>Scorer</source>
        <translation>채점기</translation>
    </message>
    <message>
        <source>none (nothing trained)</source>
        <translation>없음 (학습 없음)</translation>
    </message>
    <message>
        <source>shorter side resized to %1 px, no crop</source>
        <translation>짧은 변을 %1 px로 크기 조정, 자르기 없음</translation>
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
        <translation>%1 완료</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 실패: %2</translation>
    </message>
    <message>
        <source>%1 cancelled; the previous results are kept</source>
        <translation>%1 취소됨. 이전 결과는 유지됩니다</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Pseudo-background evaluation</source>
        <translation>의사 배경 평가</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>평가</translation>
    </message>
    <message>
        <source>Saving run</source>
        <translation>실행 저장 중</translation>
    </message>
    <message>
        <source>Sigma sweep</source>
        <translation>시그마 스윕</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>Retraining for sigma %1</source>
        <translation>시그마 %1에 대한 재학습</translation>
    </message>
    <message>
        <source>Training with sigma %1</source>
        <translation>시그마 %1(으)로 학습</translation>
    </message>
    <message>
        <source>FPR &lt;= %1 on good images</source>
        <translation>정상 이미지에서 FPR &lt;= %1</translation>
    </message>
    <message>
        <source>The results were not kept for the next start: %1</source>
        <translation>다음 시작을 위해 결과를 보관하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>not saved (the results on screen in Sam2Sim Studio)</source>
        <translation>저장되지 않음 (Sam2Sim Studio 화면의 결과)</translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation>보고서 작성 중</translation>
    </message>
    <message>
        <source>Opening run</source>
        <translation>실행 여는 중</translation>
    </message>
    <message>
        <source>Refining for sigma %1</source>
        <translation>시그마 %1에 대한 추가 학습</translation>
    </message>
    <message>
        <source>Retraining the heads for sigma %1 on cached features: first curves after %2 steps, then refined</source>
        <translation>캐시된 특징으로 시그마 %1의 헤드를 재학습하는 중: %2단계 후 초기 곡선, 이어서 추가 학습</translation>
    </message>
    <message>
        <source>Refining the heads for sigma %1 to the final curves</source>
        <translation>최종 곡선을 위해 시그마 %1의 헤드를 추가 학습하는 중</translation>
    </message>
    <message>
        <source>Use &quot;Evaluate with pseudo-backgrounds&quot; on the studio&apos;s Pseudo-backgrounds tab to test how the model reacts to new backgrounds.</source>
        <translation>모델이 새 배경에 어떻게 반응하는지 테스트하려면 스튜디오의 의사 배경 탭에서 &quot;의사 배경으로 평가&quot;를 사용하십시오.</translation>
    </message>
    <message>
        <source>Sigma %1: the final results computed earlier in this session (no retraining)</source>
        <translation>시그마 %1: 이 세션에서 앞서 계산한 최종 결과 (재학습 없음)</translation>
    </message>
    <message>
        <source>SimpleNet discriminator</source>
        <translation>SimpleNet 판별기</translation>
    </message>
    <message>
        <source>nearest training patch (kNN), objects turned to one pose</source>
        <translation>가장 가까운 학습 패치 (kNN), 물체를 한 자세로 회전</translation>
    </message>
    <message>
        <source>nearest training patch (kNN)</source>
        <translation>가장 가까운 학습 패치 (kNN)</translation>
    </message>
</context>
<context>
    <name>s2s::ui::SigmaControl</name>
    <message>
        <source>auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>%1 x the scale of the training features, measured to suit every backbone</source>
        <translation>학습 특징 스케일의 %1배, 모든 백본에 맞도록 측정됨</translation>
    </message>
    <message>
        <source>Absolute noise sigma in feature units (the paper&apos;s 0.015 was tuned for WRN-50)</source>
        <translation>특징 단위의 절대 노이즈 시그마 (논문의 0.015는 WRN-50에 맞춰짐)</translation>
    </message>
    <message>
        <source>= %1x scale</source>
        <translation>= 스케일의 %1배</translation>
    </message>
    <message>
        <source>The feature scale is measured when the features are first extracted.</source>
        <translation>특징 스케일은 특징을 처음 추출할 때 측정됩니다.</translation>
    </message>
    <message>
        <source>= %1x scale %2</source>
        <translation>= 스케일 %2의 %1배</translation>
    </message>
    <message>
        <source>Relative to the scale of the training features (root mean per-dimension standard deviation, %1)</source>
        <translation>학습 특징 스케일 기준 (차원별 표준편차의 제곱평균제곱근, %1)</translation>
    </message>
    <message>
        <source>Warning: %1.</source>
        <translation>경고: %1.</translation>
    </message>
</context>
<context>
    <name>s2s::ui::TrainingPanel</name>
    <message>
        <source>Backbone:</source>
        <translation>백본:</translation>
    </message>
    <message>
        <source>Backbone weights:</source>
        <translation>백본 가중치:</translation>
    </message>
    <message>
        <source>Weights (*.pth *.pt *.safetensors)</source>
        <translation>가중치 (*.pth *.pt *.safetensors)</translation>
    </message>
    <message>
        <source>fast (CPU)</source>
        <translation>빠름 (CPU)</translation>
    </message>
    <message>
        <source>paper (160 epochs)</source>
        <translation>논문 (160 에폭)</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>프리셋:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>에폭:</translation>
    </message>
    <message>
        <source>Noise sigma:</source>
        <translation>노이즈 시그마:</translation>
    </message>
    <message>
        <source>Retrain the heads on cached features when sigma changes</source>
        <translation>시그마가 바뀌면 캐시된 특징으로 헤드를 다시 학습</translation>
    </message>
    <message>
        <source>Remove the background of object images (Sam2Sim)</source>
        <translation>물체 이미지의 배경 제거 (Sam2Sim)</translation>
    </message>
    <message>
        <source>Foreground:</source>
        <translation>전경:</translation>
    </message>
    <message>
        <source>classical (OpenCV)</source>
        <translation>고전적 방법 (OpenCV)</translation>
    </message>
    <message>
        <source>SAM 2.1</source>
        <translation>SAM 2.1</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>Segmenter:</source>
        <translation>분할기:</translation>
    </message>
    <message>
        <source>SAM 2 weights:</source>
        <translation>SAM 2 가중치:</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt *.pth)</source>
        <translation>체크포인트 (*.pt *.pth)</translation>
    </message>
    <message>
        <source>all cores (%1)</source>
        <translation>모든 코어 (%1)</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>스레드:</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>비율</translation>
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
        <translation>에폭 %1/%2, 남은 시간 %3초</translation>
    </message>
    <message>
        <source>epoch %1/%2: loss %3, p_true %4, p_fake %5</source>
        <translation>에폭 %1/%2: 손실 %3, p_true %4, p_fake %5</translation>
    </message>
    <message>
        <source>wide_resnet50_2, random weights (NOT pretrained)</source>
        <translation>wide_resnet50_2, 무작위 가중치 (사전 학습되지 않음)</translation>
    </message>
    <message>
        <source>sam2.1_hiera_tiny.pt (none found)</source>
        <translation>sam2.1_hiera_tiny.pt (찾지 못함)</translation>
    </message>
    <message>
        <source>found: %1</source>
        <translation>찾음: %1</translation>
    </message>
    <message>
        <source>torchvision .pth or .safetensors</source>
        <translation>torchvision .pth 또는 .safetensors</translation>
    </message>
    <message>
        <source>Backbone NOT PRETRAINED: random weights were chosen, or no weights file was found (Settings &gt; Weights...). Results show the workflow, not real inspection quality.</source>
        <translation>백본이 사전 학습되지 않음: 무작위 가중치를 선택했거나 가중치 파일을 찾지 못했습니다 (설정 &gt; 가중치...). 결과는 작업 흐름을 보여 줄 뿐 실제 검사 품질이 아닙니다.</translation>
    </message>
    <message>
        <source>Backbone weights: %1 (%2)</source>
        <translation>백본 가중치: %1 (%2)</translation>
    </message>
    <message>
        <source>The discriminator did not learn: last epoch loss %1, p_true %2, p_fake %3. Noise sigma %4 does not suit these features (scale %5), so the heatmaps are noise. Choose &quot;auto&quot; or a sigma near %6.</source>
        <translation>판별기가 학습하지 못했습니다: 마지막 에포크 손실 %1, p_true %2, p_fake %3. 노이즈 시그마 %4이(가) 이 특징(스케일 %5)에 맞지 않아 히트맵은 노이즈입니다. &quot;자동&quot; 또는 %6 근처의 시그마를 선택하십시오.</translation>
    </message>
    <message>
        <source>done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>cancelling...</source>
        <translation>취소 중...</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Sam2Sim: the background of object images is removed before training and scoring (on by default). Textures, and categories that keep their background, are never segmented.</source>
        <translation>Sam2Sim: 객체 이미지의 배경을 학습과 채점 전에 제거합니다(기본값 켬). 텍스처와 배경을 유지하는 카테고리는 분할하지 않습니다.</translation>
    </message>
    <message>
        <source>at least %1 steps (more epochs on a small category)</source>
        <translation>최소 %1단계 (작은 카테고리에서는 에폭을 늘림)</translation>
    </message>
    <message>
        <source>will run %1 epochs = %2 steps on %3 images (the preset trains at least %4 steps)</source>
        <translation>이미지 %3개로 %1 에폭 = %2단계 학습 예정 (프리셋은 최소 %4단계 학습)</translation>
    </message>
    <message>
        <source>will run %1 epochs = %2 steps on %3 images</source>
        <translation>이미지 %3개로 %1 에폭 = %2단계 학습 예정</translation>
    </message>
    <message>
        <source>Trained with noise sigma %1 = %2x the feature scale %3 (%4)</source>
        <translation>노이즈 시그마 %1 = 특징 스케일 %3의 %2배로 학습함 (%4)</translation>
    </message>
    <message>
        <source>Warning: %1. Choose &quot;auto&quot; or a sigma near %2.</source>
        <translation>경고: %1. &quot;자동&quot; 또는 %2 근처의 시그마를 선택하십시오.</translation>
    </message>
    <message>
        <source>auto: chosen from the training images</source>
        <translation>자동: 학습 이미지로 선택</translation>
    </message>
    <message>
        <source>SimpleNet discriminator</source>
        <translation>SimpleNet 판별기</translation>
    </message>
    <message>
        <source>nearest training patch (kNN)</source>
        <translation>가장 가까운 학습 패치 (kNN)</translation>
    </message>
    <message>
        <source>auto: parts that lie at any angle (screws) are turned to one pose and scored by their nearest training patch, with no training and no noise sigma; every other category is scored by the SimpleNet discriminator</source>
        <translation>자동: 임의의 각도로 놓인 부품(나사)은 한 자세로 회전한 뒤 가장 가까운 학습 패치로 채점하며, 학습도 노이즈 시그마도 없습니다. 다른 모든 카테고리는 SimpleNet 판별기로 채점합니다</translation>
    </message>
    <message>
        <source>Scorer:</source>
        <translation>채점기:</translation>
    </message>
    <message>
        <source>The kNN scorer has no noise sigma</source>
        <translation>kNN 채점기에는 노이즈 시그마가 없습니다</translation>
    </message>
    <message>
        <source>Nothing to train: patches are scored by their %1; the noise sigma does not apply.</source>
        <translation>학습할 것이 없습니다: 패치는 %1(으)로 채점되며 노이즈 시그마는 적용되지 않습니다.</translation>
    </message>
</context>
<context>
    <name>s2s::ui::WeightsDialog</name>
    <message>
        <source>Weights</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>Pretrained weights are looked for in $SAM2SIM_WEIGHTS_DIR, %1 and the torch hub cache; downloads go to %1.</source>
        <translation>사전 학습된 가중치는 $SAM2SIM_WEIGHTS_DIR, %1 및 torch hub 캐시에서 찾으며, 다운로드는 %1에 저장됩니다.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>다운로드</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>다운로드 취소</translation>
    </message>
    <message>
        <source>Choose file...</source>
        <translation>파일 선택...</translation>
    </message>
    <message>
        <source>%1: downloaded and checked.</source>
        <translation>%1: 다운로드 및 검사 완료.</translation>
    </message>
    <message>
        <source>%1: download cancelled, nothing was kept.</source>
        <translation>%1: 다운로드가 취소되어 아무것도 남기지 않았습니다.</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>bundled: %1</source>
        <translation>기본 포함: %1</translation>
    </message>
    <message>
        <source>found at %1</source>
        <translation>%1에서 찾음</translation>
    </message>
    <message>
        <source>Downloading %1 from %2</source>
        <translation>%2에서 %1 다운로드 중</translation>
    </message>
    <message>
        <source>Choose the weights file for %1</source>
        <translation>%1의 가중치 파일 선택</translation>
    </message>
    <message>
        <source>Weights (*.pth *.pt *.safetensors)</source>
        <translation>가중치 (*.pth *.pt *.safetensors)</translation>
    </message>
    <message>
        <source>%1: using %2 (SHA-256 %3).</source>
        <translation>%1: %2 사용 (SHA-256 %3).</translation>
    </message>
</context>
</TS>
