class Link
gc.disable()
link_3 = Link()
link_3.name = "link_3"
link_2 = Link()
link_2.name = "link_2"
link_2.next_link = link_3
link_1 = Link()
link_1.name = "link_1"
link_1.next_link = link_2
link_3.next_link = link_1
A = link_1
del link_1, link_2, link_3
link_4 = Link()
link_4.name = "link_4"
link_4.next_link = link_4
del link_4
gc.collect()
