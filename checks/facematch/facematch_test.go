package facematch

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/kycd/kycd/checks/photo"
)

// model loads the recognition weights once for the package's tests: with
// CI set a missing model fails the test (scripts/fetch-face.sh is part of
// .ci/run), elsewhere it skips.
var (
	modelOnce sync.Once
	modelNet  *Net
	modelErr  error
)

func model(t testing.TB) (*Net, string) {
	t.Helper()
	dir := Dir()
	if err := Available(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	modelOnce.Do(func() { modelNet, modelErr = LoadNet(dir) })
	if modelErr != nil {
		t.Fatal(modelErr)
	}
	return modelNet, dir
}

func decodeFile(t testing.TB, path string) ([]uint8, int, int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pix, w, h, err := photo.DecodeRGB(data, 50_000_000)
	if err != nil {
		t.Fatal(err)
	}
	return pix, w, h
}

func fixture(name string) string { return filepath.Join("..", "photo", "testdata", name) }

// alignFile aligns the best face of a photo, failing the test without one.
func alignFile(t testing.TB, path string) *Chip {
	t.Helper()
	pix, w, h := decodeFile(t, path)
	chip, _, err := Align(pix, w, h, 0)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return chip
}

// samples are the six demo photos of face-api's package (six people, none
// of them the fixtures' astronaut) that scripts/fetch-face.sh keeps for
// tests.
func samples(t testing.TB, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "samples", "sample*.jpg"))
	if len(m) == 0 {
		if os.Getenv("CI") != "" {
			t.Fatalf("no demo photos in %s/samples; run scripts/fetch-face.sh", dir)
		}
		t.Skipf("no demo photos in %s/samples; run scripts/fetch-face.sh", dir)
	}
	return m
}

// TestDescriptorMatchesReference is the proof of the port: on the same
// aligned chips, kycd's forward pass gives the descriptors of face-api's
// own FaceRecognitionNet on TensorFlow.js' CPU backend (installed by
// scripts/fetch-face.sh --reference from a pinned lockfile) within 1e-4.
func TestDescriptorMatchesReference(t *testing.T) {
	net, dir := model(t)
	ref := filepath.Join(dir, "ref", "node_modules")
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(ref, "@vladmandic", "face-api"))
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("reference implementation missing (%v); run scripts/fetch-face.sh --reference", err)
		}
		t.Skipf("reference implementation missing (%v); run scripts/fetch-face.sh --reference", err)
	}

	var chips []*Chip
	var names []string
	add := func(name string, c *Chip) { chips = append(chips, c); names = append(names, name) }
	for _, f := range []string{"selfie_good.jpg", "card_good.jpg", "passport_good.jpg"} {
		add(f, alignFile(t, fixture(f)))
	}
	for _, f := range samples(t, dir)[:1] {
		add(filepath.Base(f), alignFile(t, f))
	}
	// Inputs no face gives: noise over the whole range, and a flat frame
	// (every ReLU input the same sign per channel).
	var noise, flat Chip
	r := rand.New(rand.NewPCG(11, 17))
	for i := range noise {
		noise[i] = uint8(r.IntN(256))
		flat[i] = 200
	}
	add("noise", &noise)
	add("flat", &flat)

	tmp := t.TempDir()
	args := []string{filepath.Join("testdata", "ref", "describe.js"), dir}
	for i, c := range chips {
		p := filepath.Join(tmp, names[i]+".rgb")
		if err := os.WriteFile(p, c[:], 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	cmd := exec.Command(node, args...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+ref)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("reference: %v\n%s", err, stderr.String())
	}
	var got struct {
		Backend, Tfjs, Faceapi string
		Descriptors            [][]float64
		CPUMsPerDescriptor     float64 `json:"cpu_ms_per_descriptor"`
	}
	// The first JSON value; TensorFlow.js may print a banner after it.
	if err := json.NewDecoder(bytes.NewReader(out)).Decode(&got); err != nil {
		t.Fatalf("reference output: %v\n%s", err, out)
	}
	if got.Backend != "cpu" || len(got.Descriptors) != len(chips) {
		t.Fatalf("reference ran on %q and gave %d descriptors for %d chips", got.Backend, len(got.Descriptors), len(chips))
	}
	worst := 0.0
	for i, c := range chips {
		d := net.Describe(c)
		diff := 0.0
		for j := range d {
			diff = max(diff, math.Abs(float64(d[j])-got.Descriptors[i][j]))
		}
		t.Logf("%-22s max |kycd - tfjs| = %.2g", names[i], diff)
		if diff > 1e-4 || math.IsNaN(diff) {
			t.Errorf("%s: descriptor differs from the reference by %g (> 1e-4)", names[i], diff)
		}
		worst = max(worst, diff)
	}
	c0 := cpuSeconds()
	for _, c := range chips {
		net.Describe(c)
	}
	goMs := (cpuSeconds() - c0) * 1e3 / float64(len(chips))
	t.Logf("face-api %s on TensorFlow.js %s (%s): %d chips, worst difference %.2g; CPU per descriptor: tfjs %.0f ms, kycd %.0f ms (%.1f× faster)",
		got.Faceapi, got.Tfjs, got.Backend, len(chips), worst, got.CPUMsPerDescriptor, goMs, got.CPUMsPerDescriptor/goMs)
}

// TestSameAndDifferentPeople: the fixtures' selfie, card and passport
// portrait (one person at three sizes and printings) are well within dlib's
// threshold; four of the demo photos' people are beyond it, from the selfie and
// from each other.
func TestSameAndDifferentPeople(t *testing.T) {
	net, dir := model(t)
	selfie := net.Describe(alignFile(t, fixture("selfie_good.jpg")))
	for _, f := range []string{"card_good.jpg", "passport_good.jpg", "card_glare.jpg", "selfie_two_faces.jpg"} {
		if d := Distance(selfie, net.Describe(alignFile(t, fixture(f)))); d >= Threshold {
			t.Errorf("selfie vs %s: distance %.3f, want < %.1f (same person)", f, d, Threshold)
		} else {
			t.Logf("selfie vs %s: %.3f", f, d)
		}
	}
	var others []Descriptor
	for _, f := range samples(t, dir)[:4] {
		others = append(others, net.Describe(alignFile(t, f)))
	}
	closest := math.Inf(1)
	for i, a := range others {
		closest = min(closest, Distance(selfie, a))
		for _, b := range others[:i] {
			closest = min(closest, Distance(a, b))
		}
	}
	t.Logf("closest pair of different people: %.3f", closest)
	if closest <= Threshold {
		t.Errorf("two different people at distance %.3f, want > %.1f", closest, Threshold)
	}
}

func TestAlignNoFace(t *testing.T) {
	pix, w, h := decodeFile(t, fixture("selfie_no_face.jpg"))
	if _, _, err := Align(pix, w, h, 0); !errors.Is(err, ErrNoFace) {
		t.Errorf("no-face selfie: err = %v, want ErrNoFace", err)
	}
	for _, tc := range []struct {
		pix  []uint8
		w, h int
	}{{nil, 0, 0}, {make([]uint8, 3), 1, 1}, {make([]uint8, 10), 100, 100}, {make([]uint8, 3*200*200), 200, 200}} {
		if _, _, err := Align(tc.pix, tc.w, tc.h, 0); !errors.Is(err, ErrNoFace) {
			t.Errorf("%d bytes %dx%d: err = %v, want ErrNoFace", len(tc.pix), tc.w, tc.h, err)
		}
	}
}

// TestAlignPutsEyesInPlace: the chip's eyes are where dlib's chips have
// them, which is what the transform promises; checked by finding them again
// in the chip.
func TestAlignPutsEyesInPlace(t *testing.T) {
	chip := alignFile(t, fixture("selfie_good.jpg"))
	// Embed the chip in a larger frame so the detector has room.
	const side = 3 * ChipSize
	pix := make([]uint8, side*side*3)
	for i := range pix {
		pix[i] = 128
	}
	for y := range ChipSize {
		copy(pix[((y+ChipSize)*side+ChipSize)*3:], chip[y*ChipSize*3:(y+1)*ChipSize*3])
	}
	_, f, err := Align(pix, side, side, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range [][2]float64{f.EyeL, f.EyeR} {
		want := [2]float64{chipEyeL[0] + ChipSize, chipEyeL[1] + ChipSize}
		if i == 1 {
			want = [2]float64{chipEyeR[0] + ChipSize, chipEyeR[1] + ChipSize}
		}
		if d := math.Hypot(e[0]-want[0], e[1]-want[1]); d > 4 {
			t.Errorf("eye %d found at %v in the chip, want %v (off by %.1f px)", i, e, want, d)
		}
	}
}

// cpuSeconds is the process's user and system CPU time: on a shared
// machine the wall time per operation says more about the neighbours than
// about the code, so the benchmarks report CPU milliseconds per operation
// too.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// BenchmarkDescribe: one descriptor of an aligned chip, on one goroutine.
// TestDescriptorMatchesReference logs TensorFlow.js' time for the same work
// in the same run, the reference for the ratio.
func BenchmarkDescribe(b *testing.B) {
	net, _ := model(b)
	chip := alignFile(b, fixture("selfie_good.jpg"))
	c0 := cpuSeconds()
	for b.Loop() {
		net.Describe(chip)
	}
	b.ReportMetric((cpuSeconds()-c0)*1e3/float64(b.N), "cpu-ms/op")
}

func BenchmarkAlign(b *testing.B) {
	pix, w, h := decodeFile(b, fixture("selfie_good.jpg"))
	c0 := cpuSeconds()
	for b.Loop() {
		if _, _, err := Align(pix, w, h, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuSeconds()-c0)*1e3/float64(b.N), "cpu-ms/op")
}
