def log = new File(basedir, 'build.log').text
assert log.contains("experiment 'broken' labeledFraction: 1.5 is outside (0, 1]")
assert !log.contains('epoch 1/1') : 'nothing may train'
def earlier = new File(basedir, 'prebuilt/ssgan/earlier/seed-1/result.json')
assert earlier.text.trim() == '{"experiment":"earlier","seed":1,"testAccuracy":0.99}'
assert new File(basedir, 'prebuilt/ssgan').list().toList() == ['earlier']
return true
