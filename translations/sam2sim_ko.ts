<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
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
        <source>%1 (Sam2Sim Studio %2)</source>
        <translation>%1 (Sam2Sim Studio %2)</translation>
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
        <source>This run holds no pseudo-background evaluation. Run &apos;sam2sim eval --run RUN --background pseudo&apos; to test how the model reacts to new backgrounds.</source>
        <translation>이 실행에는 의사 배경 평가가 없습니다. 모델이 새 배경에 어떻게 반응하는지 확인하려면 &apos;sam2sim eval --run RUN --background pseudo&apos;를 실행하십시오.</translation>
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
</context>
</TS>
