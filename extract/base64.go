package extract

import (
	"bufio"
	"encoding/base64"
	"io"
)

// base64Reader decodes a base64 body, skipping the line breaks MIME puts in it.
func base64Reader(r io.Reader) io.Reader {
	return base64.NewDecoder(base64.StdEncoding, &skipNewlines{r: bufio.NewReader(r)})
}

type skipNewlines struct{ r *bufio.Reader }

func (s *skipNewlines) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c, err := s.r.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if c == '\r' || c == '\n' || c == ' ' || c == '\t' {
			continue
		}
		p[n] = c
		n++
	}
	return n, nil
}
