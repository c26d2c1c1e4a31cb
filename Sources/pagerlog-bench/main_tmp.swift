@main
struct Temp { static func main() {} }
