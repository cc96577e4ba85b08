# Evaluates each DIR/N.src as a Ruby expression; see README.md.
MARK = "\x01HOLE\x01".freeze

class Hole
  def method_missing(*) = self
  def respond_to_missing?(*) = true
  def to_s = MARK
  def to_str = MARK
end

Dir[File.join(ARGV[0], '*.src')].sort.each do |path|
  src = File.binread(path).force_encoding('UTF-8')
  scope = Hole.new
  src.scan(/@(\w+)/).each { |(name)| scope.instance_variable_set("@#{name}", Hole.new) }
  src.scan(/\$([a-z_]\w*)/).each { |(name)| eval("$#{name} = Hole.new") }
  out = begin
    scope.instance_eval(src).to_s
  rescue Exception => e # rubocop:disable Lint/RescueException
    "\0ERROR #{e.message}"
  end
  File.binwrite(path.sub(/\.src\z/, '.out'), out)
end
