package store

import (
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// bsonOptions make a document type's JSON names its BSON names: a field
// without a bson tag takes its json tag's name (and omitempty), so a model
// is tagged once. Sub-documents decoded into an interface{} are maps, which
// encode to JSON objects (bson.D would encode as a list of key/value
// pairs).
var bsonOptions = &options.BSONOptions{UseJSONStructTags: true, DefaultDocumentM: true}

// use returns coll reading and writing with bsonOptions. It replaces the
// collection's own BSON options, if it had any; read and write concerns,
// read preference and registry are kept.
func use(coll *mongo.Collection) *mongo.Collection {
	return coll.Clone(options.Collection().SetBSONOptions(bsonOptions))
}
