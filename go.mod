module github.com/doxwatch/doxwatch

go 1.26.0

require (
	github.com/mattn/go-sqlite3 v1.14.32
	github.com/nyaruka/phonenumbers/v2 v2.0.7
	github.com/robfig/cron/v3 v3.0.1
	golang.org/x/text v0.43.0
	gopkg.in/yaml.v3 v3.0.1
)

require google.golang.org/protobuf v1.36.11 // indirect
