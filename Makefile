# The test command of the README: installs what the tests need when it is
# missing, then runs the same checks as CI.

STATICCHECK_VERSION := v0.8.2
GOBIN := $(shell go env GOPATH)/bin
APT_PACKAGES := gcc libc6-dev docker-compose tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng chromium poppler-utils

.PHONY: test deps lint build bench screenshots

test: deps lint
	CGO_ENABLED=1 go test -race -count=1 ./...

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get -o DPkg::Lock::Timeout=600 update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$missing >/dev/null; \
	fi
	@$(GOBIN)/staticcheck -version 2>/dev/null | grep -q '($(STATICCHECK_VERSION:v%=%))' || \
		go install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

lint:
	@unformatted=$$(gofmt -l .); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	go vet ./...
	$(GOBIN)/staticcheck ./...

build:
	CGO_ENABLED=1 go build -o doxwatch ./cmd/doxwatch

# The README's dashboard screenshots, made by the browser test.
screenshots:
	go test -count=1 -run TestDashboardInBrowser ./e2e -readme-screenshots $(CURDIR)/docs

bench:
	go test -run '^$$' -bench . -benchmem ./...
