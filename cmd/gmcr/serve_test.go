package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader in two
// goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs gmcr serve with args until the test ends and returns
// the URL it printed and what it wrote on standard error so far.
func startServe(t *testing.T, args ...string) (string, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- runContext(ctx, append([]string{"serve"}, args...), strings.NewReader(""), &out, &errb)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d: %s", code, errb.String())
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	})
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{32}`)
	for range 200 {
		if u := re.FindString(out.String()); u != "" {
			return u, errb.String()
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s %s", code, out.String(), errb.String())
		case <-time.After(25 * time.Millisecond):
		}
	}
	t.Fatalf("no URL printed: %q %q", out.String(), errb.String())
	return "", ""
}

func TestServe(t *testing.T) {
	inTemp(t)
	url, stderr := startServe(t, "elmira.yaml")
	if stderr != "" {
		t.Errorf("stderr: %q", stderr)
	}
	base := url[:strings.Index(url, "/?")]
	// Without the token: refused.
	resp, err := http.Get(base + "/api/file")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("no token: %d", resp.StatusCode)
	}
	// The printed URL sets the cookie; the page and the file follow.
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err = client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "gmcr") || resp.Request.URL.RawQuery != "" {
		t.Errorf("page: %d %s", resp.StatusCode, resp.Request.URL)
	}
	resp, err = client.Get(base + "/api/file")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Uniroyal") {
		t.Errorf("file: %d %s", resp.StatusCode, body)
	}
	// A request naming another host (DNS rebinding) is refused.
	req, _ := http.NewRequest("GET", base+"/api/info", nil)
	req.Host = "attacker.example:80"
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("foreign host: %d", resp.StatusCode)
	}
}

func TestServeLANWarns(t *testing.T) {
	url, stderr := startServe(t, "--addr", "0.0.0.0:0", "--lan")
	if !strings.Contains(stderr, "WARNING") || !strings.Contains(stderr, "other machines") {
		t.Errorf("no warning: %q", stderr)
	}
	// Still only with the token.
	resp, err := http.Get(url[:strings.Index(url, "/?")] + "/api/info")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("no token: %d", resp.StatusCode)
	}
}

func TestServeRefuses(t *testing.T) {
	inTemp(t)
	check(t, "", exitBadInput, []string{"serve", "--addr", "0.0.0.0:0"}, "not a loopback address", "--lan")
	check(t, "", exitBadInput, []string{"serve", "missing.yaml"}, "missing.yaml: cannot read the file")
	check(t, "", exitBadInput, []string{"serve", "-"}, "standard input")
	check(t, "", exitBadInput, []string{"serve", "--addr", "nonsense"}, "HOST:PORT")
}

func TestReportCommand(t *testing.T) {
	dir := inTemp(t)
	check(t, "", 0, []string{"report", "elmira.yaml", "-o", "elmira.html", "-q"})
	data, err := os.ReadFile(filepath.Join(dir, "elmira.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(data)
	for _, want := range []string{"<!doctype html>", "Uniroyal", `id="evolution"`, "<svg", `id="explanations"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	check(t, "", exitBadInput, []string{"report", "elmira.yaml", "--explain", "-1"}, "--explain")
}
