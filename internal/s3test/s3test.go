// Package s3test starts a real S3 server (versitygw over a temporary
// directory) on loopback for tests. .ci/run installs versitygw; without it
// the tests that need S3 skip, except under CI, where they fail.
package s3test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"go/build"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// Server is a running versitygw.
type Server struct {
	Endpoint  string // http://127.0.0.1:PORT
	AccessKey string
	SecretKey string
	Dir       string // the posix root: one directory per bucket
	cmd       *exec.Cmd
}

// Binary finds versitygw: $KYCD_VERSITYGW, $PATH, then $GOPATH/bin (where
// `go install` puts it).
func Binary() (string, error) {
	if p := os.Getenv("KYCD_VERSITYGW"); p != "" {
		return p, nil
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p, nil
	}
	p := filepath.Join(build.Default.GOPATH, "bin", "versitygw")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("versitygw not installed (go install github.com/versity/versitygw/cmd/versitygw@v1.8.0)")
	}
	return p, nil
}

// Start runs versitygw until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin, err := Binary()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	s, err := StartProcess(bin, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// StartProcess runs versitygw over dir with fresh root credentials and
// waits until it accepts connections. The caller Stops it.
func StartProcess(bin, dir string) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &Server{Endpoint: fmt.Sprintf("http://127.0.0.1:%d", port), AccessKey: "kycdtest" + randHex(4),
		SecretKey: randHex(20), Dir: dir}
	s.cmd = exec.Command(bin, "--port", fmt.Sprintf("127.0.0.1:%d", port), "posix", dir)
	s.cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY="+s.AccessKey, "ROOT_SECRET_KEY="+s.SecretKey)
	// Its request log is not wanted in test output; a failure to start
	// shows as the error below.
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	exited := make(chan error, 1)
	go func() { exited <- s.cmd.Wait() }()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			c.Close()
			go func() { <-exited }()
			return s, nil
		}
		select {
		case err := <-exited:
			return nil, fmt.Errorf("versitygw exited: %v", err)
		case <-ctx.Done():
			s.cmd.Process.Kill()
			return nil, fmt.Errorf("versitygw did not listen within 20 s")
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Stop ends the server.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Kill()
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func randHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
