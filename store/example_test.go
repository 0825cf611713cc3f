package store_test

import (
	"fmt"

	"github.com/blockyard/blockyard/store"
)

// Task is a document type: a Record (id, createdAt, updatedAt) and fields
// named once, by their json tags.
type Task struct {
	store.Record `bson:",inline"`
	Title        string   `json:"title"`
	Status       string   `json:"status"`
	OwnerID      string   `json:"ownerId"`
	Labels       []string `json:"labels,omitempty"`
}

// A page of the caller's open or blocked tasks, not labelled "archived",
// newest first, is this filter and sort; store.FindPage runs them (with
// skip/limit and a count) and returns a primitives.Paged[Task]. A field
// Task does not have is an error, not an empty page.
func Example() {
	f := store.And(
		store.Eq[Task]("ownerId", "42"),
		store.In[Task]("status", "open", "blocked"),
		store.Ne[Task]("labels", "archived"),
	)
	s := store.OrderBy[Task]("-createdAt")
	q, _ := f.BSON()
	order, _ := s.BSON()
	fmt.Println(q)
	fmt.Println(order)

	_, err := store.OrderBy[Task]("-created").BSON()
	fmt.Println(err)
	// Output:
	// {"$and":[{"ownerId":"42"},{"status":{"$in":["open","blocked"]}},{"$nor":[{"labels":"archived"}]}]}
	// {"createdAt":{"$numberInt":"-1"},"id":{"$numberInt":"1"}}
	// Invalid store query: store_test.Task has no field "created"
}
