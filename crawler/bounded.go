package crawler

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// maxWireBody is a ceiling on any body this crawler reads, after decoding;
// each caller bounds it further to its own limit (pages, images, check).
const maxWireBody = 64 << 20

// boundedTransport decodes gzip itself, whatever the headers call it
// ("gzip", "x-gzip", "gzip, identity", or a Content-Type of
// application/x-gzip), and bounds every body after decoding. colly bounds
// the bytes on the wire and then gunzips such answers without a bound, so
// a few kilobytes could grow to gigabytes; marking the response as already
// decoded keeps colly from decoding it again.
type boundedTransport struct {
	base http.RoundTripper
	max  int64
}

func (t boundedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	enc := strings.ToLower(resp.Header.Get("Content-Encoding"))
	ctype := strings.ToLower(resp.Header.Get("Content-Type"))
	wire := resp.Body
	if !resp.Uncompressed && (strings.Contains(enc, "gzip") || (enc == "" && strings.Contains(ctype, "gzip"))) {
		gz, err := gzip.NewReader(io.LimitReader(wire, t.max+1))
		if err != nil {
			wire.Close()
			return nil, fmt.Errorf("%s: the body says it is gzip but is not: %w", req.URL.Redacted(), err)
		}
		resp.Body = &boundedBody{Reader: io.LimitReader(gz, t.max+1), close: func() error { gz.Close(); return wire.Close() }}
		resp.Header.Del("Content-Encoding")
		resp.Header.Del("Content-Length")
		resp.ContentLength = -1
		resp.Uncompressed = true
		return resp, nil
	}
	resp.Body = &boundedBody{Reader: io.LimitReader(wire, t.max+1), close: wire.Close}
	return resp, nil
}

type boundedBody struct {
	io.Reader
	close func() error
}

func (b *boundedBody) Close() error { return b.close() }
