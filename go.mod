module github.com/doxwatch/doxwatch

go 1.26.0

require (
	github.com/PuerkitoBio/goquery v1.13.0
	github.com/mattn/go-sqlite3 v1.14.32
	github.com/nyaruka/phonenumbers/v2 v2.0.7
	github.com/robfig/cron/v3 v3.0.1
	golang.org/x/net v0.62.0
	golang.org/x/term v0.47.0
	golang.org/x/text v0.43.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/andybalholm/cascadia v1.3.4 // indirect
	golang.org/x/sys v0.49.0 // indirect
	google.golang.org/protobuf v1.36.11 // indirect
)
