package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// maxConfigBytes bounds the file read: a config is a few kilobytes, and a
// mistaken path to a large file should fail fast.
const maxConfigBytes = 1 << 20

// Load reads the configuration file at path on top of Default. It does not
// validate: call Validate for that, so a caller can report every problem.
// With *Problems, the returned configuration holds what could be read, so
// Validate can still report the rest in the same run.
func Load(path string) (*Config, error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data, os.LookupEnv)
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("config: %s is a directory", path)
	}
	if st.Size() > maxConfigBytes {
		return nil, fmt.Errorf("config: %s is %d bytes, more than the %d a config may have", path, st.Size(), maxConfigBytes)
	}
	data := make([]byte, st.Size())
	if _, err := f.ReadAt(data, 0); err != nil && st.Size() > 0 {
		return nil, fmt.Errorf("config: read %s: %w", path, err)
	}
	return data, nil
}

// Parse decodes YAML data (named name in errors) on top of Default,
// expanding ${VAR} in values through lookup.
func Parse(name string, data []byte, lookup func(string) (string, bool)) (*Config, error) {
	cfg := Default()
	cfg.path = name
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return &cfg, nil // an empty file is all defaults
		}
		return nil, yamlError(name, err)
	}
	var problems []string
	report := func(line int, msg string) {
		problems = append(problems, fmt.Sprintf("%s:%d: %s", name, line, msg))
	}
	var unset []unsetVar
	expandEnv(&root, "", lookup, func(line int, path, v string) { unset = append(unset, unsetVar{line, path, v}) })
	checkKeys(&root, reflect.TypeOf(cfg), "", report)
	typed := len(problems)
	// Decoding goes as far as it can: every value that fits is read, so
	// Validate can report the remaining problems in the same run.
	if err := root.Decode(&cfg); err != nil && typed == len(problems) {
		var p *Problems
		if errors.As(yamlError(name, err), &p) {
			problems = append(problems, p.List...)
		}
	}
	for _, u := range unset {
		// The SMTP password is not needed unless mail goes out by SMTP.
		if strings.HasPrefix(u.path, "alerts.smtp.") && cfg.Alerts.Transport != "smtp" {
			continue
		}
		report(u.line, fmt.Sprintf("%s: environment variable %s is not set", u.path, u.name))
	}
	if len(problems) > 0 {
		return &cfg, &Problems{List: problems}
	}
	return &cfg, nil
}

type unsetVar struct {
	line       int
	path, name string
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlError rewrites the YAML library's "line N: msg" errors into the
// "file:N: msg" form the rest of doxwatch uses.
func yamlError(name string, err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	p := &Problems{}
	for _, m := range msgs {
		if sm := yamlLine.FindStringSubmatch(m); sm != nil {
			p.List = append(p.List, fmt.Sprintf("%s:%s: %s", name, sm[1], sm[2]))
		} else {
			p.List = append(p.List, fmt.Sprintf("%s: %s", name, strings.TrimPrefix(m, "yaml: ")))
		}
	}
	return p
}

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expandEnv replaces ${VAR} in scalar values (never in keys), so a secret
// such as the SMTP password can live in the environment. A reference to an
// unset variable is an error rather than an empty string: an empty password
// fails later and more obscurely.
func expandEnv(n *yaml.Node, path string, lookup func(string) (string, bool), unset func(line int, path, name string)) {
	switch n.Kind {
	case yaml.ScalarNode:
		n.Value = envRef.ReplaceAllStringFunc(n.Value, func(ref string) string {
			name := ref[2 : len(ref)-1]
			v, ok := lookup(name)
			if !ok {
				unset(n.Line, path, name)
			}
			return v
		})
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			expandEnv(n.Content[i+1], joinPath(path, n.Content[i].Value), lookup, unset)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			expandEnv(c, fmt.Sprintf("%s[%d]", path, i), lookup, unset)
		}
	default:
		for _, c := range n.Content {
			expandEnv(c, path, lookup, unset)
		}
	}
}

// checkKeys walks the YAML tree beside the Go type it decodes into and
// reports every mapping key the type does not have, with its line and path.
func checkKeys(n *yaml.Node, t reflect.Type, path string, report func(int, string)) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			checkKeys(c, t, path, report)
		}
	case yaml.MappingNode:
		if t.Kind() != reflect.Struct {
			return // maps and scalars get type errors from the decoder
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := joinPath(path, k.Value)
			f, ok := fields[k.Value]
			if !ok {
				report(k.Line, fmt.Sprintf("unknown key %q%s", p, suggest(k.Value, fields)))
				continue
			}
			if v.Kind == yaml.ScalarNode {
				checkScalar(v, f.Type, p, k.Value, report)
			}
			checkKeys(v, f.Type, p, report)
		}
	case yaml.SequenceNode:
		if t.Kind() != reflect.Slice {
			return
		}
		for i, c := range n.Content {
			checkKeys(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), report)
		}
	}
}

var durationType = reflect.TypeOf(time.Duration(0))

// checkScalar tries a value on its own against the field's type, so a
// wrong one is reported with its key and an example of a right one.
func checkScalar(v *yaml.Node, t reflect.Type, path, key string, report func(int, string)) {
	if v.Tag == "!!null" {
		return
	}
	ptr := reflect.New(t)
	if err := v.Decode(ptr.Interface()); err == nil {
		return
	}
	switch {
	case t == durationType:
		report(v.Line, fmt.Sprintf("%s: %q is not a duration: write a number with a unit, e.g. %s: 2s (or 500ms, 10m, 1h)", path, v.Value, key))
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		report(v.Line, fmt.Sprintf("%s: %q is not a whole number", path, v.Value))
	case t.Kind() == reflect.Bool:
		report(v.Line, fmt.Sprintf("%s: %q is not true or false", path, v.Value))
	case t.Kind() == reflect.Slice:
		report(v.Line, fmt.Sprintf("%s: %q is not a list: write [a, b] or one item per line with \"- \"", path, v.Value))
	case t.Kind() == reflect.Struct:
		report(v.Line, fmt.Sprintf("%s: %q is not a section with keys", path, v.Value))
	default:
		report(v.Line, fmt.Sprintf("%s: %q is not a %s", path, v.Value, t.Kind()))
	}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func yamlFields(t reflect.Type) map[string]reflect.StructField {
	m := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		m[name] = f
	}
	return m
}

// suggest names the closest known key when the unknown one is a likely typo.
func suggest(key string, fields map[string]reflect.StructField) string {
	best, bestD := "", 3
	for name := range fields {
		if d := editDistance(key, name); d < bestD || (d == bestD && name < best) {
			best, bestD = name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Problems is a list of configuration problems, each naming where it is.
type Problems struct {
	List []string
}

func (p *Problems) Error() string {
	return strings.Join(p.List, "\n")
}

// ResolvePath makes a path from the config relative to the config file's
// directory, so a config and its roster can move together.
func (c *Config) ResolvePath(p string) string {
	if p == "" || filepath.IsAbs(p) || c.path == "" {
		return p
	}
	return filepath.Join(filepath.Dir(c.path), p)
}
