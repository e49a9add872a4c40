package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestExampleConfig keeps doxwatch.example.yaml valid and complete: it
// parses, validates, and shows every key the configuration has.
func TestExampleConfig(t *testing.T) {
	path := filepath.Join("..", "doxwatch.example.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Parse(path, data, env(map[string]string{"DOXWATCH_SMTP_PASSWORD": "x", "DOXWATCH_IMAP_PASSWORD": "y",
		"DOXWATCH_TEAMS_URL": "teams://group@tenant/altid/owner?host=example.webhook.office.com", "DOXWATCH_WEBHOOK_SECRET": "a-secret-of-24-characters"}))
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	var missing []string
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return
		}
		for name, f := range yamlFields(t) {
			if !strings.Contains(string(data), name+":") {
				missing = append(missing, name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(Config{}))
	if len(missing) > 0 {
		t.Errorf("doxwatch.example.yaml does not show %v", missing)
	}
}
