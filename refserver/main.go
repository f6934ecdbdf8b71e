// Command refserver is lanyan's reference server: the HTTP API of package
// refserver/api over an SQLite file or a PostgreSQL database, with its docs
// page at /docs and its OpenAPI description at /openapi.yaml.
//
//	go run ./refserver                                   # :8080, ./lanyan.db
//	go run ./refserver --addr 127.0.0.1:9000 --db /var/lib/lanyan/lanyan.db
//	go run ./refserver --db 'postgres://lanyan@db:5432/lanyan?sslmode=disable'
//
// On a new database it creates the operator tenant "demo" with a demo project
// and prints the tenant's first admin API key, once: only its hash is kept.
// SIGINT or SIGTERM shuts it down gracefully: requests in flight finish (up to
// --shutdown-timeout), then the database is closed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/refserver/api"
	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/refserver/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal ends the process at once
	}()
	err := run(ctx, os.Args[1:], os.Stdout)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "refserver:", err)
		os.Exit(1)
	}
}

// Timeouts. A bulk import (an XER or XLSX file of 100k rows) may take minutes
// to upload and minutes to process; the API bounds each operation itself
// (api.Options), and the server's limits sit above the longest of them.
const (
	importTimeout     = 5 * time.Minute
	readHeaderTimeout = 10 * time.Second
	readTimeout       = importTimeout + time.Minute   // the longest upload
	writeTimeout      = 2*importTimeout + time.Minute // an upload read, then processed
	idleTimeout       = 2 * time.Minute               // keep-alive connections
	defaultShutdown   = 30 * time.Second              // requests in flight get this long to finish
	maxHeaderBytes    = 64 << 10                      // headers, not bodies (the API limits those)
)

// Defaults and names.
const (
	defaultAddr      = ":8080"     // --addr
	defaultDB        = "lanyan.db" // --db: in the working directory
	envAddr          = "LANYAN_ADDR"
	envDB            = "LANYAN_DB"
	redactedPassword = "xxxxx" // in a logged PostgreSQL URL
	firstKeyName     = "first admin (printed at first start)"
)

// config is the server's configuration, from flags and the environment.
type config struct {
	addr            string
	db              string
	noDemo          bool
	logLevel        slog.Level
	logJSON         bool
	shutdownTimeout time.Duration
}

// parseConfig reads the flags, whose defaults come from the environment.
func parseConfig(args []string, getenv func(string) string, output io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("refserver", flag.ContinueOnError)
	fs.SetOutput(output)
	fs.Usage = func() {
		fmt.Fprintf(output, "Usage: refserver [flags]\n\nThe lanyan reference server: the HTTP API over SQLite or PostgreSQL.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&c.addr, "addr", or(getenv(envAddr), defaultAddr), "`address` to listen on, host:port (env "+envAddr+")")
	fs.StringVar(&c.db, "db", or(getenv(envDB), defaultDB), "SQLite file `path`, or a postgres:// URL (env "+envDB+")")
	fs.BoolVar(&c.noDemo, "no-demo", false, "on a new database, create the demo tenant and its admin key but no demo project")
	fs.TextVar(&c.logLevel, "log-level", slog.LevelInfo, "log `level`: debug, info, warn or error")
	format := fs.String("log-format", "text", "log `format`: text or json")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", defaultShutdown, "how long requests in flight may take to finish on shutdown")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments %q (see --help)", fs.Args())
	}
	switch *format {
	case "text":
	case "json":
		c.logJSON = true
	default:
		return config{}, fmt.Errorf("--log-format %q: want text or json", *format)
	}
	if c.shutdownTimeout <= 0 {
		return config{}, fmt.Errorf("--shutdown-timeout %s: want a positive duration", c.shutdownTimeout)
	}
	return c, nil
}

func or(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// listenHookKey is the context key of a function run calls with the bound
// address once the server is ready: tests start it on port 0 and learn where.
type listenHookKey struct{}

// withListenHook returns a context whose run calls fn with the address it
// listens on, once it is ready to serve.
func withListenHook(ctx context.Context, fn func(net.Addr)) context.Context {
	return context.WithValue(ctx, listenHookKey{}, fn)
}

// run runs the server until ctx is done, then shuts it down gracefully. It
// writes what the operator must see (the admin key of a new database, the
// address) to stdout, and logs to stderr.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	cfg, err := parseConfig(args, os.Getenv, os.Stderr)
	if err != nil {
		return err
	}
	opts := &slog.HandlerOptions{Level: cfg.logLevel}
	var handler slog.Handler = slog.NewTextHandler(os.Stderr, opts)
	if cfg.logJSON {
		handler = slog.NewJSONHandler(os.Stderr, opts)
	}
	log := slog.New(handler)

	// Listen first: a port in use fails before the database is touched.
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", cfg.addr)
	if err != nil {
		return err
	}
	defer ln.Close()

	db, err := store.Open(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer db.Close() // on the paths that return early; closed below otherwise
	log.Info("database open", "dialect", db.Dialect().String(), "db", redactDSN(cfg.db))

	base := baseURL(ln.Addr())
	if err := bootstrap(ctx, db, !cfg.noDemo, stdout, base, log); err != nil {
		return fmt.Errorf("first start: %w", err)
	}

	srv := api.New(db, api.Options{Logger: log, ImportTimeout: importTimeout})
	srv.Mux().Handle("GET /docs", srv.DocsHandler())
	web.Register(srv.Mux()) // the dashboard at /
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(handler, slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	fmt.Fprintf(stdout, "lanyan reference server listening on %s (API docs: %s/docs)\n", base, base)
	log.Info("listening", "addr", ln.Addr().String())
	if hook, ok := ctx.Value(listenHookKey{}).(func(net.Addr)); ok {
		hook(ln.Addr())
	}

	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.shutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.shutdownTimeout)
	defer cancel()
	shutdownErr := hs.Shutdown(sctx)
	if shutdownErr != nil {
		hs.Close() // cut the requests still running
		shutdownErr = fmt.Errorf("shutdown: requests still running after %s: %w", cfg.shutdownTimeout, shutdownErr)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		shutdownErr = errors.Join(shutdownErr, fmt.Errorf("serve: %w", err))
	}
	if err := db.Close(); err != nil {
		shutdownErr = errors.Join(shutdownErr, fmt.Errorf("close database: %w", err))
	}
	if shutdownErr == nil {
		log.Info("stopped")
	}
	return shutdownErr
}

// bootstrap gives a new database (no tenants) its first tenant: the operator
// tenant "demo", with the demo project unless seed is false, and an admin key,
// which it prints to stdout — the only time its secret is shown. A database
// with tenants is left alone, unless its first start was cut short (the demo
// tenant exists without a single key, revoked or not): that start is
// finished. The demo project is written in one transaction, so a crash leaves
// all of it or none.
func bootstrap(ctx context.Context, db *store.DB, seed bool, stdout io.Writer, base string, log *slog.Logger) error {
	n, err := db.CountTenants(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		t, err := db.GetTenant(ctx, demoTenant)
		if lanyan.CodeOf(err) == lanyan.CodeNotFound {
			return nil
		}
		if err != nil {
			return err
		}
		keys, err := db.ListKeys(ctx, demoTenant)
		if err != nil {
			return err
		}
		if !t.Operator || len(keys) > 0 {
			return nil
		}
		log.Warn("finishing a first start that was cut short", "tenant", demoTenant)
	} else if _, err := db.CreateOperator(ctx, demoTenant, demoTenantName); err != nil {
		if lanyan.CodeOf(err) == lanyan.CodeConflict {
			return nil // another server on the same database got there first
		}
		return err
	}

	var demo *demoData
	if seed {
		start := time.Now()
		err := db.Atomically(ctx, func(tx *store.Tx) error {
			demo = nil
			_, err := tx.Schedule(demoTenant).GetProject(ctx, demoProject)
			if err == nil || lanyan.CodeOf(err) != lanyan.CodeNotFound {
				return err // there already, or a failure
			}
			demo, err = seedDemo(ctx, tx.Schedule(demoTenant), tx.Cost(demoTenant), tx.Labour(demoTenant))
			return err
		})
		if err != nil {
			return fmt.Errorf("demo project: %w", err)
		}
		if demo != nil {
			log.Info("demo project seeded", "project", demoProject, "activities", len(demo.Network.Activities),
				"slips", len(demo.Slips), "took", time.Since(start).Round(time.Millisecond).String())
		}
	}

	_, token, err := db.MintKey(ctx, demoTenant, firstKeyName, store.RoleAdmin)
	if err != nil {
		return err
	}
	printWelcome(stdout, token, demo, base)
	return nil
}

// printWelcome shows the operator the admin key of a new database.
func printWelcome(w io.Writer, token string, demo *demoData, base string) {
	var b strings.Builder
	rule := strings.Repeat("─", 78)
	fmt.Fprintf(&b, "%s\nNew database: created the operator tenant %q.\n\n", rule, demoTenant)
	fmt.Fprintf(&b, "  admin API key (shown once): %s\n\n", token)
	fmt.Fprintf(&b, "Keep it now: only its hash is stored. With it, mint more keys (POST /keys) and\ncreate tenants (POST /tenants).\n")
	if demo != nil {
		net := demo.Network
		fmt.Fprintf(&b, "\nDemo project %q, %s:\n  %d activities and %d links, computed at data date %s (finish %s);\n",
			net.Project.ID, net.Project.Name, len(net.Activities), len(net.Links), net.Options.DataDate, demo.Result.EarlyFinish)
		fmt.Fprintf(&b, "  %d cost elements with baseline 0, progress and %d actual costs to %s;\n  %d day-work slips.\n",
			len(demo.Breakdown.Elements), len(demo.Actuals), demo.StatusDate.Format("2006-01-02"), len(demo.Slips))
	}
	fmt.Fprintf(&b, "\nTry:\n  curl -H 'Authorization: Bearer %s' %s/projects\n%s\n", token, base, rule)
	io.WriteString(w, b.String())
}

// baseURL is the URL a client on this machine reaches the server at.
func baseURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// redactDSN hides the password of a PostgreSQL URL, for the log.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		return dsn
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), redactedPassword)
		}
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", redactedPassword)
		u.RawQuery = q.Encode()
	}
	return u.String()
}
