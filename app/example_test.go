package app_test

import (
	"flag"
	"fmt"

	"github.com/blockyard/blockyard/app"
)

// ParseConfig reads the flags and a (here fake) environment: a flag wins
// over its variable, the database is named after the program unless
// MONGODB_DB says otherwise, and a program's own flags parse beside the
// package's.
func ExampleParseConfig() {
	env := map[string]string{
		"ADDR":        ":9000",
		"MONGODB_URI": "mongodb://db.internal:27017",
		"LOG_LEVEL":   "debug",
	}
	var seed bool
	o := app.Options{
		Name:  "notes",
		Flags: func(fs *flag.FlagSet, _ func(string) string) { fs.BoolVar(&seed, "seed", false, "insert sample notes") },
	}
	c, err := app.ParseConfig(o, []string{"-addr", "127.0.0.1:8081", "-seed"}, func(k string) string { return env[k] })
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("addr:", c.Addr)
	fmt.Println("mongo:", c.MongoURI, "database:", c.MongoDB)
	fmt.Println("log level:", c.LogLevel)
	fmt.Println("admin type:", c.IdentityTypes.Admin)
	fmt.Println("seed:", seed)
	// Output:
	// addr: 127.0.0.1:8081
	// mongo: mongodb://db.internal:27017 database: notes
	// log level: DEBUG
	// admin type: 100
	// seed: true
}
