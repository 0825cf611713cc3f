package blockyardtest

import (
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Proxy is a TCP proxy in front of the test database, for testing what a
// service does when its database goes away and comes back (a health
// probe's 503, a 503 instead of a hang): Stop is, for the proxy's clients,
// the database stopping (connections cut, new ones refused), and Restart,
// on the same address, the database coming back. Connect through it with
// ClientOptions.
type Proxy struct {
	t      *testing.T
	target string
	addr   string
	mu     sync.Mutex
	ln     net.Listener
	conns  map[net.Conn]bool
}

// NewProxy starts a Proxy to the test database (see Database); it stops
// when the test ends.
func NewProxy(t *testing.T) *Proxy {
	t.Helper()
	u, err := url.Parse(URI(t))
	if err != nil {
		t.Fatal(err)
	}
	host := u.Host
	if i := strings.IndexByte(host, ','); i >= 0 {
		host = host[:i]
	}
	p := &Proxy{t: t, target: host, conns: map[net.Conn]bool{}}
	p.start("127.0.0.1:0")
	t.Cleanup(p.Stop)
	return p
}

// ClientOptions connect a client of the test database through the proxy,
// with a one-second server selection timeout so that a stopped database
// fails fast.
func (p *Proxy) ClientOptions(t *testing.T) *options.ClientOptions {
	return ClientOptions(t).SetHosts([]string{p.addr}).SetDirect(true).SetServerSelectionTimeout(time.Second)
}

func (p *Proxy) start(addr string) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c)
		}
	}()
}

func (p *Proxy) serve(c net.Conn) {
	up, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	if p.ln == nil {
		p.mu.Unlock()
		c.Close()
		up.Close()
		return
	}
	p.conns[c], p.conns[up] = true, true
	p.mu.Unlock()
	go func() { io.Copy(up, c); up.Close(); c.Close() }()
	io.Copy(c, up)
	c.Close()
	up.Close()
}

// Stop closes the listener and cuts every connection.
func (p *Proxy) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}

// Restart listens again on the same address.
func (p *Proxy) Restart() { p.start(p.addr) }
