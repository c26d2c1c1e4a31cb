/// `value` as `Target`, which the caller has checked is `Value` itself (`Value.self == Target.self`, or the
/// dynamic type of an existential `value`): no dynamic cast, which costs more than reading, writing or
/// folding most values. Generic code that has just compared two types uses it to hand a value across.
func identical<Value, Target>(_ value: Value, as _: Target.Type) -> Target {
    unsafeBitCast(value, to: Target.self)
}
