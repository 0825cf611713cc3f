package app

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/blockyard/blockyard/nodeblocks"
)

// Config is everything [Run] reads from the flags and the environment;
// [ParseConfig] makes it. A test builds one with ParseConfig and a fake
// environment.
type Config struct {
	Addr        string // listen address (-addr, ADDR); default ":8080"
	DataDir     string // absolute; embedded database, local files and generated secrets (-data, DATA_DIR); default "data"
	CreateAdmin string // e-mail of the administrator to create (or promote, given its password), then exit (-create-admin)
	Promote     string // e-mail of the identity to promote without a password, then exit (-promote)

	MongoURI  string // MONGODB_URI: use this MongoDB instead of the embedded database
	MongoDB   string // MONGODB_DB: the database name
	BlobURL   string // BLOB_URL: a gocloud.dev/blob bucket URL instead of local files
	PublicURL string // PUBLIC_URL: the external base URL of this server

	Secrets       nodeblocks.AuthSecrets // AUTH_ENC_SECRET, AUTH_SIGN_SECRET
	AdminPassword string                 // ADMIN_PASSWORD, for -create-admin
	LogLevel      slog.Level             // LOG_LEVEL; default info

	IdentityTypes     nodeblocks.IdentityTypes     // IDENTITY_TYPE_{ADMIN,GUEST,REGULAR}
	OrganizationRoles nodeblocks.OrganizationRoles // ORG_ROLE_{OWNER,ADMIN,MEMBER}
}

// ParseConfig reads the flags of args (without the program name) and the
// settings of getenv (os.Getenv in [Main]); a flag wins over its
// environment variable. It registers o.Flags's flags too (handing them
// getenv), and returns
// flag.ErrHelp for -h. Stray arguments, -create-admin with -promote, and a
// bad LOG_LEVEL are errors.
func ParseConfig(o Options, args []string, getenv func(string) string) (Config, error) {
	o = o.withDefaults()
	env := func(k, def string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return def
	}
	def := o.Nodeblocks.Defaults() // the reference's type ids and roles, unless the program chose others
	c := Config{
		MongoURI:      getenv("MONGODB_URI"),
		MongoDB:       env("MONGODB_DB", o.Database),
		BlobURL:       getenv("BLOB_URL"),
		PublicURL:     getenv("PUBLIC_URL"),
		Secrets:       nodeblocks.AuthSecrets{Enc: getenv("AUTH_ENC_SECRET"), Sign: getenv("AUTH_SIGN_SECRET")},
		AdminPassword: getenv("ADMIN_PASSWORD"),
		IdentityTypes: nodeblocks.IdentityTypes{
			Admin:   env("IDENTITY_TYPE_ADMIN", def.IdentityTypes.Admin),
			Guest:   env("IDENTITY_TYPE_GUEST", def.IdentityTypes.Guest),
			Regular: env("IDENTITY_TYPE_REGULAR", def.IdentityTypes.Regular),
		},
		OrganizationRoles: nodeblocks.OrganizationRoles{
			Owner:  env("ORG_ROLE_OWNER", def.OrganizationRoles.Owner),
			Admin:  env("ORG_ROLE_ADMIN", def.OrganizationRoles.Admin),
			Member: env("ORG_ROLE_MEMBER", def.OrganizationRoles.Member),
		},
	}
	if err := c.LogLevel.UnmarshalText([]byte(env("LOG_LEVEL", "info"))); err != nil {
		return c, fmt.Errorf("LOG_LEVEL: %w", err)
	}

	fs := flag.NewFlagSet(o.Name, flag.ContinueOnError)
	fs.StringVar(&c.Addr, "addr", env("ADDR", ":8080"), "listen `address` (env ADDR)")
	fs.StringVar(&c.DataDir, "data", env("DATA_DIR", "data"), "`directory` of the embedded database, local files and generated secrets (env DATA_DIR)")
	fs.StringVar(&c.CreateAdmin, "create-admin", "", "create the administrator with this `e-mail` (password from ADMIN_PASSWORD or prompted; an existing identity is promoted only if the password is its own), then exit")
	fs.StringVar(&c.Promote, "promote", "", "promote the existing identity with this `e-mail` to administrator WITHOUT checking its password, then exit")
	if o.Flags != nil {
		o.Flags(fs, getenv)
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if c.CreateAdmin != "" && c.Promote != "" {
		return c, errors.New("-create-admin and -promote cannot be combined")
	}
	abs, err := filepath.Abs(c.DataDir)
	if err != nil {
		return c, fmt.Errorf("data directory: %w", err)
	}
	c.DataDir = abs
	return c, nil
}
