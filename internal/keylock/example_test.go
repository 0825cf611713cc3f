package keylock_test

import (
	"fmt"
	"sync"

	"github.com/blockyard/blockyard/internal/keylock"
)

func Example() {
	var locks keylock.Stripes
	stock := map[string]int{"apple": 100}
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			unlock := locks.Lock("stock:apple")
			defer unlock()
			stock["apple"]-- // read-modify-write, serialized per key
		})
	}
	wg.Wait()
	fmt.Println(stock["apple"])
	// Output: 90
}
