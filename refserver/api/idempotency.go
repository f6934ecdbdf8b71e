package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/lanyan-dev/lanyan/refserver/store"
)

// IdempotencyHeader is embedded in the input of every creating POST: a
// request repeated with the same key gets the first one's response instead of
// creating twice.
type IdempotencyHeader struct {
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"255" doc:"A key unique to this request (a UUID, say). Repeating the request with the same key within 24 hours replays the first response, marked Idempotent-Replayed: true, instead of acting twice; the same key with a different request is refused with 422."`
}

// idempotencyTTL is how long a stored response is replayed.
const idempotencyTTL = 24 * time.Hour

// idempotency replays the responses of POST requests made with an
// Idempotency-Key header. The responses are stored in the database, so a
// replay works across restarts and across servers sharing a database; in
// one server, a second request with a key in flight waits for the first.
type idempotency struct {
	s        *Server
	mu       sync.Mutex
	inflight map[string]chan struct{}
}

func newIdempotency(s *Server) *idempotency {
	return &idempotency{s: s, inflight: map[string]chan struct{}{}}
}

// wrap adds idempotency keys, and the request body limit, to next.
func (i *idempotency) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if r.Method != http.MethodPost || key == "" {
			next.ServeHTTP(w, r)
			return
		}
		if len(key) > 255 {
			writeProblem(w, http.StatusBadRequest, "the Idempotency-Key header is longer than 255 characters")
			return
		}
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			next.ServeHTTP(w, r) // refused for want of a key
			return
		}
		k, err := i.s.keys.authenticate(r.Context(), i.s.db, strings.TrimSpace(token), i.s.opts.Now())
		if err != nil {
			next.ServeHTTP(w, r) // the API answers 401 (or 500)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, i.s.opts.MaxUploadBytes))
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				writeProblem(w, http.StatusRequestEntityTooLarge, "the request body is too large")
				return
			}
			writeProblem(w, http.StatusBadRequest, "the request body could not be read")
			return
		}
		sum := sha256.Sum256(body)
		request := r.Method + " " + r.URL.RequestURI() + " " + hex.EncodeToString(sum[:])

		slot := k.Tenant + "\x00" + key
		for {
			i.mu.Lock()
			wait, busy := i.inflight[slot]
			if !busy {
				i.inflight[slot] = make(chan struct{})
			}
			i.mu.Unlock()
			if !busy {
				break
			}
			select {
			case <-wait:
			case <-r.Context().Done():
				return
			}
		}
		defer func() {
			i.mu.Lock()
			close(i.inflight[slot])
			delete(i.inflight, slot)
			i.mu.Unlock()
		}()

		prev, found, err := i.s.db.GetIdempotent(r.Context(), k.Tenant, key, idempotencyTTL)
		if err != nil {
			i.s.internal(r.Context(), err)
			writeProblem(w, http.StatusInternalServerError, "internal error")
			return
		}
		if found {
			if prev.Request != request {
				writeProblem(w, http.StatusUnprocessableEntity, "this Idempotency-Key was used for a different request")
				return
			}
			var h map[string]string
			_ = json.Unmarshal([]byte(prev.Headers), &h)
			for name, v := range h {
				w.Header().Set(name, v)
			}
			w.Header().Set("Idempotent-Replayed", "true")
			w.WriteHeader(prev.Status)
			_, _ = w.Write(prev.Body)
			return
		}

		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if rec.status >= 500 || rec.status == http.StatusUnauthorized || rec.status == http.StatusForbidden || rec.status == http.StatusRequestTimeout {
			return // not an answer worth replaying: the client may retry
		}
		h := map[string]string{}
		for _, name := range []string{"Content-Type", "Location", "ETag"} {
			if v := rec.Header().Get(name); v != "" {
				h[name] = v
			}
		}
		hb, _ := json.Marshal(h)
		if err := i.s.db.PutIdempotent(r.Context(), k.Tenant, key, store.Idempotent{Request: request, Status: rec.status, Headers: string(hb), Body: rec.body.Bytes()}); err != nil {
			i.s.internal(r.Context(), err)
		}
	})
}

// recorder passes a response through while keeping a copy.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
	wrote  bool
}

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status = status
		r.wrote = true
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// writeProblem writes an RFC 9457 problem document from outside huma.
func writeProblem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"title": http.StatusText(status), "status": status, "detail": detail})
}
