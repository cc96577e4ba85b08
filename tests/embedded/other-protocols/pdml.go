package dump

const sample = `<packet><proto name="geninfo" pos="0"/><proto name="ip"/></packet>`

type Packet struct {
	Protos []string `xml:"proto"`
}
