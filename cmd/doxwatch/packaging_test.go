package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDockerCompose validates docker-compose.yml with docker-compose
// itself; no Docker engine is needed for `config`.
func TestDockerCompose(t *testing.T) {
	bin, err := exec.LookPath("docker-compose")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("docker-compose is not installed; the test command (make test) installs it")
		}
		t.Skip("docker-compose not installed (make test installs it)")
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	cmd := exec.Command(bin, "--project-directory", root, "-f", filepath.Join(root, "docker-compose.yml"), "config")
	cmd.Env = append(os.Environ(), "DOXWATCH_SMTP_PASSWORD=x")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("docker-compose config: %v\n%s", err, out)
	}
	for _, want := range []string{"axllent/mailpit", "/etc/doxwatch/doxwatch.yaml:ro", "doxwatch-data", "8025"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("resolved compose file lacks %q:\n%s", want, out)
		}
	}
}

// TestDockerfile checks what the image needs, since no Docker engine runs here to build it.
func TestDockerfile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CGO_ENABLED=1", "ca-certificates", "tzdata", "tesseract-ocr-nld", "USER doxwatch", "VOLUME /data", "HEALTHCHECK", "doxwatch\", \"healthcheck"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
}
