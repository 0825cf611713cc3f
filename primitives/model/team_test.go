package model_test

import (
	"bytes"
	"encoding/json"
	"time"
)

// The one realistic model of this package's tests: a team with a nested
// slice of members, enums, an email, bounds, defaults, pointers and
// omitempty fields.

type member struct {
	UserID string `json:"userId" validate:"required,uuid" doc:"The member's user id."`
	Role   string `json:"role" validate:"oneof=admin member" default:"member" doc:"What the member may do."`
}

type team struct {
	Name        string     `json:"name" validate:"min=2,max=50" doc:"Display name."`
	Email       string     `json:"email" validate:"email"`
	Website     *string    `json:"website,omitempty" validate:"omitempty,url"`
	Seats       int        `json:"seats" validate:"gte=1,lte=500" default:"5"`
	Plan        string     `json:"plan" validate:"oneof=free pro enterprise" default:"free"`
	Priority    int        `json:"priority,omitempty" validate:"omitempty,oneof=1 2 3"`
	Tags        []string   `json:"tags,omitempty" validate:"omitempty,max=3,dive,min=1,max=20"`
	Members     []member   `json:"members" validate:"min=1,max=20,dive"`
	Description string     `json:"description,omitempty" validate:"omitempty,max=200"`
	StartsAt    *time.Time `json:"startsAt,omitempty"`
}

// decode reads JSON text the way the router does (numbers as
// json.Number).
func decode(text string) any {
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		panic(err)
	}
	return v
}
