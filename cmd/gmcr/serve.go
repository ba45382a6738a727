package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"time"

	"github.com/gmcr/gmcr/internal/memlimit"
	"github.com/gmcr/gmcr/server"
	"github.com/gmcr/gmcr/web"
	"github.com/spf13/cobra"
)

func newServeCmd(e *env) *cobra.Command {
	var o struct {
		addr        string
		open, lan   bool
		maxStates   int
		maxAnalyses int
		timeout     time.Duration
	}
	cmd := &cobra.Command{
		Use:   "serve [FILE]",
		Short: "Open the workbench in a browser: edit, analyse and explain a model",
		Long: `Serve starts the workbench: a local web page to build a model with forms or
in YAML, see its tableau, click a cell for its explanation, draw the status
quo evolution and the DMs' moves, compare scenarios and export the results.
Everything runs in this process; the page makes no request elsewhere and
works offline.

The server listens on 127.0.0.1 on a free port (--addr chooses) and prints
the URL to open, which holds a secret token made for this launch: other
users and other web sites cannot use the server without it. Listening on
another interface needs --lan as well, and gmcr prints a warning: anyone
who can reach the port and learns the URL can use the workbench.

With FILE, the page opens that model, and its Save button writes the model
back to FILE (atomically, and not if FILE changed on disk since it was
loaded). The server reads and writes no other file.

Stop it with Ctrl-C (or SIGTERM, as a service manager sends): it cancels
the analyses in progress, gives the requests in flight up to 1.5 seconds
to finish, prints "gmcr: workbench stopped" and exits with status 0, since
being stopped is how a server ends (the other commands exit with 130 when
interrupted). A second Ctrl-C stops it at once, with status 130.

--addr 127.0.0.1:8080 chooses a fixed port; --open opens the page in the
default browser.`,
		Example: `  # The workbench on a free local port (add --open to open the browser)
  gmcr serve

  # Edit a model file
  gmcr examples elmira -o elmira.yaml
  gmcr serve elmira.yaml

  # One analysis at a time, each stopped after a minute
  gmcr serve elmira.yaml --max-analyses 1 --timeout 1m`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := argOrEmpty(args)
			if file == "-" {
				return badInputf("serve needs a model file it can write back to, not standard input")
			}
			if file != "" {
				fi, err := os.Stat(file)
				if err != nil {
					return badInputf("%s: cannot read the file: %v", file, unwrapPath(err))
				}
				if !fi.Mode().IsRegular() {
					return badInputf("%s is not a regular file", file)
				}
			}
			host, port, err := net.SplitHostPort(o.addr)
			if err != nil {
				return badInputf("--addr %q: give HOST:PORT, for example 127.0.0.1:8080 (port 0: a free port)", o.addr)
			}
			if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
				if _, lerr := net.LookupPort("tcp", port); err == nil || lerr != nil {
					return badInputf("--addr %q: the port must be a number from 0 (a free port) to 65535", o.addr)
				}
			}
			if o.timeout < 0 {
				return badInputf("--timeout must be a positive duration such as 1m (0: the default, %v), got %v", server.DefaultTimeout, o.timeout)
			}
			loopback := host == "localhost"
			if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
				loopback = true
			}
			if !loopback && !o.lan {
				return badInputf("--addr %s is not a loopback address: the workbench would be reachable from other machines; add --lan if you mean it", o.addr)
			}
			if o.maxAnalyses < 1 {
				return badInputf("--max-analyses must be at least 1, got %d", o.maxAnalyses)
			}
			ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
			if err != nil {
				return failure(fmt.Errorf("cannot listen on %s: %w", o.addr, err))
			}
			defer ln.Close()
			tok := make([]byte, 16)
			if _, err := rand.Read(tok); err != nil {
				return failure(err)
			}
			token := hex.EncodeToString(tok)
			actual := ln.Addr().(*net.TCPAddr)
			p := strconv.Itoa(actual.Port)
			hosts := []string{net.JoinHostPort(host, p)}
			if loopback {
				hosts = append(hosts, "127.0.0.1:"+p, "localhost:"+p, "[::1]:"+p)
			} else if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
				hosts = nil // any interface: the Host header cannot be checked
			}
			mem := memlimit.Available().Bytes
			if mem > 0 {
				mem /= int64(o.maxAnalyses)
			}
			srv, err := server.New(server.Config{
				Token: token, Hosts: hosts, File: file, Assets: web.Assets(),
				MaxStates: o.maxStates, MemoryLimit: mem, MaxAnalyses: o.maxAnalyses,
				Timeout: o.timeout, Version: versionString(),
			})
			if err != nil {
				return failure(err)
			}
			defer srv.Close()
			urlHost := net.JoinHostPort(host, p)
			if host == "" || (net.ParseIP(host) != nil && net.ParseIP(host).IsUnspecified()) {
				urlHost = net.JoinHostPort("127.0.0.1", p)
			}
			url := "http://" + urlHost + "/?token=" + token
			if !loopback {
				fmt.Fprintf(e.stderr, "gmcr: WARNING: the workbench listens on %s, reachable from other machines; anyone with the URL below can read and change the model\n", ln.Addr())
			}
			fmt.Fprintf(e.stdout, "gmcr workbench: open %s\n(press Ctrl-C to stop)\n", url)
			if o.open {
				if err := openBrowser(url); err != nil {
					e.warnf(false, "could not open a browser (%v); open the URL above", err)
				}
			}
			hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
			errc := make(chan error, 1)
			go func() { errc <- hs.Serve(ln) }()
			select {
			case err := <-errc:
				return failure(err)
			case <-e.ctx.Done():
			}
			srv.Close()
			// Within run's forcedExitDelay, so that a stop is graceful (0).
			ctx, cancel := context.WithTimeout(context.Background(), serveShutdownDelay)
			defer cancel()
			if err := hs.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
				return failure(err)
			}
			fmt.Fprintln(e.stderr, "gmcr: workbench stopped")
			return nil
		},
	}
	cmd.Flags().StringVar(&o.addr, "addr", "127.0.0.1:0", "listen on `HOST:PORT` (port 0: a free port)")
	cmd.Flags().BoolVar(&o.open, "open", false, "open the workbench in the default browser")
	cmd.Flags().BoolVar(&o.lan, "lan", false, "allow --addr to name a non-loopback address (the workbench is then reachable from other machines)")
	cmd.Flags().IntVar(&o.maxAnalyses, "max-analyses", server.DefaultMaxAnalyses, "run at most `N` analyses at once")
	cmd.Flags().DurationVar(&o.timeout, "timeout", server.DefaultTimeout, "stop an analysis after `DURATION`")
	maxStatesFlag(cmd, &o.maxStates)
	return cmd
}

// serveShutdownDelay is how long a stopped workbench lets the requests in
// flight finish; it is shorter than forcedExitDelay.
const serveShutdownDelay = 1500 * time.Millisecond

// openBrowser opens url in the desktop's default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
