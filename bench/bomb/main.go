// Command bomb measures what one small, hostile photo costs kycd: a
// 7000×7000 16-bit RGBA PNG of ~381 KB (49 megapixels, under the pixel
// cap, ~392 MB once decoded), attached -n times at once, from one account
// or from -n accounts. It reports every answer's status and time and the
// process's peak RSS during the attaches (VmHWM, reset before them).
//
//	go run ./bench/bomb -n 6                 # six at once, one account
//	go run ./bench/bomb -n 6 -accounts 6     # six at once, six accounts
//	go run ./bench/bomb -n 1 -unbounded      # reference: no budget, no gate
//
// kycd runs in-process (store, service, blob store and HTTP handler as
// `kycd serve` wires them) on SQLite in a temporary directory.
package main

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/bench/internal/harness"
	"github.com/kycd/kycd/checks/photo"
	kycdhttp "github.com/kycd/kycd/http"
)

func main() {
	n := flag.Int("n", 6, "attaches at once")
	accounts := flag.Int("accounts", 1, "accounts the attaches come from (1 or n)")
	unbounded := flag.Bool("unbounded", false, "reference run: no decode budget and no check gate (the code before issue 12)")
	flag.Parse()
	if err := run(*n, *accounts, *unbounded); err != nil {
		fmt.Fprintln(os.Stderr, "bomb:", err)
		os.Exit(1)
	}
}

// bombPNG is a 7000×7000 RGBA PNG at 16 bits a sample whose pixels are all
// zero: deflate shrinks the 392 MB of rows ~1000 times.
func bombPNG() []byte {
	const w, h = 7000, 7000
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		binary.Write(&b, binary.BigEndian, c.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 16, 6
	chunk("IHDR", ihdr)
	var idat bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&idat, zlib.BestCompression)
	row := make([]byte, 1+w*8) // filter byte 0, then the samples
	for range h {
		zw.Write(row)
	}
	zw.Close()
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}

// peakRSS reads VmHWM; resetPeak clears it (Linux /proc/self/clear_refs).
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return -1
}

func resetPeak() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

func run(n, accounts int, unbounded bool) error {
	ctx := context.Background()
	png := bombPNG()
	dir, err := os.MkdirTemp("", "kycd-bomb-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	keys, err := harness.NewKeys()
	if err != nil {
		return err
	}
	st, closeStore, err := harness.OpenStore(ctx, "sqlite", "", keys)
	if err != nil {
		return err
	}
	defer closeStore()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	codes := &harness.CodeSink{}
	svc, err := harness.Service(st, keys, codes, filepath.Join(dir, "blobs"), kycd.DefaultArgon2, quiet, func(o *kycd.Options) {
		if !unbounded {
			return
		}
		// The reference run: no decode budget and a gate too wide to
		// ever hold a check back, so every request decodes at once.
		pc := photo.DefaultConfig()
		pc.MaxDecodeBytes = 0
		o.Photo = &pc
		o.Checks = &kycd.CheckLimits{Slots: 1 << 20, Queue: 1 << 20, PerAccount: 1 << 20,
			PhotoBudget: 24 * time.Hour, VideoBudget: 24 * time.Hour}
	})
	if err != nil {
		return err
	}
	base, stop, err := harness.Serve(ctx, kycdhttp.New(svc, kycdhttp.Options{Logger: quiet}))
	if err != nil {
		return err
	}
	defer stop()
	c := &http.Client{Timeout: 10 * time.Minute}

	type job struct{ tok, app, upload string }
	var jobs []job
	var tok, app string
	for i := range n {
		if i < accounts {
			if tok, app, err = applicant(c, base, codes, i); err != nil {
				return err
			}
		}
		id, err := upload(c, base, tok, app, png)
		if err != nil {
			return err
		}
		jobs = append(jobs, job{tok, app, id})
	}
	runtime.GC()
	resetPeak()
	type answer struct {
		status int
		code   string
		took   time.Duration
	}
	answers := make([]answer, n)
	var wg sync.WaitGroup
	t0 := time.Now()
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			body, _ := jsonBody(map[string]string{"upload_id": j.upload, "kind": kycd.KindIDFront})
			req, _ := http.NewRequest("POST", base+"/v1/applications/"+j.app+"/documents", body)
			req.Header.Set("Authorization", "Bearer "+j.tok)
			req.Header.Set("Content-Type", "application/json")
			res, err := c.Do(req)
			a := answer{took: time.Since(start)}
			if err == nil {
				raw, _ := io.ReadAll(res.Body)
				res.Body.Close()
				a.status = res.StatusCode
				a.code = summary(raw)
			} else {
				a.code = err.Error()
			}
			answers[i] = a
		}()
	}
	wg.Wait()
	wall := time.Since(t0)
	peak := peakRSS()
	load, _ := os.ReadFile("/proc/loadavg")
	sort.Slice(answers, func(a, b int) bool { return answers[a].took < answers[b].took })
	fmt.Printf("PNG %d bytes; %d attaches at once from %d account(s); unbounded=%v; GOMAXPROCS=%d; load %s",
		len(png), n, accounts, unbounded, runtime.GOMAXPROCS(0), load)
	fmt.Printf("| # | status | answer | time |\n|---:|---:|---|---:|\n")
	for i, a := range answers {
		fmt.Printf("| %d | %d | %s | %s |\n", i+1, a.status, a.code, harness.MS(a.took))
	}
	fmt.Printf("\nwall %s, slowest answer %s, peak RSS during the attaches %.0f MiB\n",
		harness.MS(wall), harness.MS(answers[n-1].took), float64(peak)/(1<<20))
	return nil
}

// summary is the answer's error code, or its findings' codes.
func summary(raw []byte) string {
	s := string(raw)
	if i := strings.Index(s, `"code":"`); i >= 0 {
		rest := s[i+8:]
		if j := strings.IndexByte(rest, '"'); j >= 0 {
			return rest[:j]
		}
	}
	return fmt.Sprintf("%.60s", s)
}

func jsonBody(v map[string]string) (io.Reader, error) {
	raw, err := json.Marshal(v)
	return bytes.NewReader(raw), err
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// applicant registers account i, confirms both channels and opens a
// level-2 application.
func applicant(c *http.Client, base string, codes *harness.CodeSink, i int) (tok, app string, err error) {
	rec := &harness.Recorder{}
	email, phone := fmt.Sprintf("bomb%d@example.com", i), fmt.Sprintf("+86139%08d", i)
	var acct struct{ Token string }
	if !rec.Do(c, "POST", base+"/v1/accounts", "", map[string]string{"email": email, "phone": phone,
		"password": "correct horse battery staple"}, http.StatusCreated, &acct) {
		return "", "", fmt.Errorf("register failed")
	}
	for _, ch := range []struct{ channel, to string }{{"email", email}, {"phone", phone}} {
		if !rec.Do(c, "POST", base+"/v1/accounts/verify", acct.Token, map[string]string{"channel": ch.channel,
			"code": codes.Get(ch.to)}, http.StatusOK, nil) {
			return "", "", fmt.Errorf("verify failed")
		}
	}
	var a struct{ ID string }
	if !rec.Do(c, "POST", base+"/v1/applications", acct.Token, map[string]int{"level": 2}, http.StatusCreated, &a) {
		return "", "", fmt.Errorf("open application failed")
	}
	return acct.Token, a.ID, nil
}

// upload sends data as one tus upload and returns its id.
func upload(c *http.Client, base, tok, app string, data []byte) (string, error) {
	meta := "application_id " + b64(app) + ",kind " + b64(kycd.KindIDFront) + ",filename " + b64("bomb.png")
	send := func(method, url string, hdr map[string]string, body io.Reader) (*http.Response, error) {
		req, _ := http.NewRequest(method, url, body)
		req.Header.Set("Tus-Resumable", "1.0.0")
		req.Header.Set("Authorization", "Bearer "+tok)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		res, err := c.Do(req)
		if err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		return res, err
	}
	res, err := send("POST", base+"/v1/uploads/", map[string]string{"Upload-Length": strconv.Itoa(len(data)), "Upload-Metadata": meta}, nil)
	if err != nil || res.StatusCode != http.StatusCreated {
		return "", fmt.Errorf("tus POST: %v %v", res, err)
	}
	id := path.Base(res.Header.Get("Location"))
	res, err = send("PATCH", base+"/v1/uploads/"+id, map[string]string{"Upload-Offset": "0",
		"Content-Type": "application/offset+octet-stream"}, bytes.NewReader(data))
	if err != nil || res.StatusCode != http.StatusNoContent {
		return "", fmt.Errorf("tus PATCH: %v %v", res, err)
	}
	return id, nil
}
