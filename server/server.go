// Package server is gmcr's workbench back end: a JSON HTTP API over the
// library (load and validate a model, analyse it, page through its
// tableau, explain a state, status quo evolution, scenario and coalition
// analysis, the richer concepts (unknown preferences, strength of
// preference, limited move), exports) and the static front end, served by
// `gmcr serve`.
//
// The handlers only parse requests, call the library (analysis, stability,
// evolve, scenario, coalition, report) and encode what it returns; they
// decide nothing about stability themselves (the richer concepts, too,
// come from package analysis: its extra concepts and entry points). docs/api.md documents every
// endpoint.
//
// The server is meant for one user on their own machine, and it defends
// itself as a local service must: every request needs the per-launch
// secret token (a cookie set when the printed URL is opened, or the
// X-Gmcr-Token header); the Host header must name the server (against DNS
// rebinding) and a cross-site Origin or Sec-Fetch-Site is refused; request
// bodies are bounded; at most Config.MaxAnalyses analyses run at once, each
// under Config.Timeout, the state limit and the memory guard; a newer edit
// from the same page cancels the analysis it supersedes; and the only file
// it reads or writes is Config.File.
package server

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Config configures a Server. Token is required; the zero value of every
// other field picks the default given with it.
type Config struct {
	// Token is the per-launch secret every request must carry.
	Token string
	// Hosts are the accepted values of the Host header (host:port, as the
	// browser sends them). Empty accepts any: only for tests.
	Hosts []string
	// File is the model file named on the command line: the only file the
	// server reads (GET /api/file) and writes (PUT /api/file); "" for none.
	File string
	// Assets is the front end served at "/"; nil serves none.
	Assets fs.FS
	// MaxBody bounds a request body in bytes (default 8 MiB).
	MaxBody int64
	// MaxStates refuses models with more feasible states (0: the library's
	// default; see statespace.Options).
	MaxStates int
	// MemoryLimit, if positive, is the memory guard of each analysis
	// (analysis.Options.MemoryLimit), and bounds the memory the cached
	// analyses hold together (the latest is always kept).
	MemoryLimit int64
	// MaxAnalyses bounds the analyses running at once (default 2); others
	// wait for a slot.
	MaxAnalyses int
	// Timeout bounds one analysis (default 5 minutes).
	Timeout time.Duration
	// CacheEntries bounds the analysed models kept for paging and
	// explaining (default 8).
	CacheEntries int
	// Version is reported by GET /api/info.
	Version string
}

// Defaults of Config.
const (
	DefaultMaxBody      = 8 << 20
	DefaultMaxAnalyses  = 2
	DefaultTimeout      = 5 * time.Minute
	DefaultCacheEntries = 8
)

// Server serves the API and the front end. It is an http.Handler.
type Server struct {
	cfg    Config
	mux    *http.ServeMux
	engine *engine
	fileMu sync.Mutex // serialises GET and PUT /api/file
}

// New returns a Server for cfg. Error: an empty token.
func New(cfg Config) (*Server, error) {
	if len(cfg.Token) < 16 {
		return nil, errors.New("server: the token must have at least 16 characters")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxAnalyses <= 0 {
		cfg.MaxAnalyses = DefaultMaxAnalyses
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.CacheEntries <= 0 {
		cfg.CacheEntries = DefaultCacheEntries
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux()}
	s.engine = newEngine(cfg)
	s.routes()
	return s, nil
}

// Close cancels every running analysis.
func (s *Server) Close() { s.engine.close() }

// CSP is the Content-Security-Policy of every response: the page loads
// scripts, styles, fonts and data only from the server itself, and
// nothing may frame it.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// TokenHeader is the request header that may carry the token.
const TokenHeader = "X-Gmcr-Token"

// cookieName is the token cookie's name. Cookies are shared by every port
// of a host, so the name carries the port: two servers on one machine do
// not overwrite each other's cookie.
func cookieName(host string) string {
	_, port, err := net.SplitHostPort(host)
	if err != nil || port == "" {
		port = "80"
	}
	return "gmcr_token_" + port
}

// ServeHTTP checks the request's Host, origin and token, sets the
// security headers and dispatches it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if !s.hostAllowed(r.Host) {
		httpError(w, http.StatusMisdirectedRequest, fmt.Sprintf("host %q is not this server; open the URL gmcr serve printed", r.Host))
		return
	}
	if o := r.Header.Get("Origin"); o != "" && o != "null" && !strings.EqualFold(o, "http://"+r.Host) {
		httpError(w, http.StatusForbidden, "cross-origin requests are refused")
		return
	}
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		httpError(w, http.StatusForbidden, "cross-site requests are refused")
		return
	}
	if tok := r.URL.Query().Get("token"); tok != "" && r.Method == http.MethodGet && r.URL.Path == "/" {
		if !s.tokenOK(tok) {
			httpError(w, http.StatusForbidden, "wrong token; open the URL gmcr serve printed")
			return
		}
		// Trade the token in the URL for a cookie, and drop it from the
		// address bar and history.
		http.SetCookie(w, &http.Cookie{Name: cookieName(r.Host), Value: tok, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	if !s.authorised(r) {
		httpError(w, http.StatusUnauthorized, "this page needs the token: open the URL (with ?token=...) that gmcr serve printed")
		return
	}
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	}
	defer func() {
		// A bug must not take the server down or leave the page without
		// an answer: report it as an internal error.
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			httpError(w, http.StatusInternalServerError, fmt.Sprintf("internal error: %v (please report this as a bug, with the model)", p))
		}
	}()
	s.mux.ServeHTTP(w, r)
}

func (s *Server) hostAllowed(host string) bool {
	if len(s.cfg.Hosts) == 0 {
		return true
	}
	for _, h := range s.cfg.Hosts {
		if strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}

func (s *Server) tokenOK(tok string) bool {
	return subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.Token)) == 1
}

func (s *Server) authorised(r *http.Request) bool {
	if t := r.Header.Get(TokenHeader); t != "" {
		return s.tokenOK(t)
	}
	c, err := r.Cookie(cookieName(r.Host))
	return err == nil && s.tokenOK(c.Value)
}

// endpoints lists the API, as "METHOD /path" patterns of http.ServeMux;
// docs/api.md documents each (a test checks).
func (s *Server) endpoints() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"GET /api/info":            s.info,
		"GET /api/examples":        s.examplesList,
		"GET /api/examples/{name}": s.example,
		"GET /api/file":            s.getFile,
		"PUT /api/file":            s.putFile,
		"POST /api/validate":       s.validate,
		"POST /api/convert":        s.convert,
		"POST /api/analyze":        s.analyze,
		"POST /api/tableau":        s.tableau,
		"POST /api/explain":        s.explain,
		"POST /api/ranking":        s.ranking,
		"POST /api/graph":          s.graph,
		"POST /api/evolve":         s.evolve,
		"POST /api/compare":        s.compare,
		"POST /api/coalition":      s.coalition,
		"POST /api/export":         s.export,
		"POST /api/report":         s.report,
		"POST /api/inverse":        s.inverse,
		"POST /api/robustness":     s.robustness,
		"POST /api/strength":       s.strengthReport,
	}
}

func (s *Server) routes() {
	m := s.mux
	for pattern, h := range s.endpoints() {
		m.HandleFunc(pattern, h)
	}
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		httpError(w, http.StatusNotFound, fmt.Sprintf("no API endpoint %s %s; see docs/api.md", r.Method, r.URL.Path))
	})
	if s.cfg.Assets != nil {
		files := http.FileServerFS(s.cfg.Assets)
		m.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				httpError(w, http.StatusMethodNotAllowed, "the page is read-only; the API is under /api/")
				return
			}
			w.Header().Set("Cache-Control", "no-cache")
			files.ServeHTTP(w, r)
		}))
	}
}

// apiError is the body of every error response.
type apiError struct {
	Error string `json:"error"`
	// Problems locates the model's errors, when the error is the model's.
	Problems []Problem `json:"problems,omitempty"`
}

func httpError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, apiError{Error: msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// decode reads a JSON request body into v; on failure it answers and
// returns false.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request is larger than %d bytes", mbe.Limit))
			return false
		}
		httpError(w, http.StatusBadRequest, "bad request body: "+err.Error())
		return false
	}
	return true
}
